/**
 * Bank holidays in England and Wales, 2025 to 2028, as published by GOV.UK
 * (https://www.gov.uk/bank-holidays, `england-and-wales` in bank-holidays.json), substitute days
 * included (e.g. 28 December 2026 for Boxing Day on a Saturday). Scotland and Northern Ireland
 * differ and are not used: the partnership's services are in England. Outside these years only
 * weekends are known to be non-working; extend the table when GOV.UK publishes further years, and
 * add any one-off holiday (as for the 2023 coronation) when it is proclaimed.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2025
  '2025-01-01',
  '2025-04-18',
  '2025-04-21',
  '2025-05-05',
  '2025-05-26',
  '2025-08-25',
  '2025-12-25',
  '2025-12-26',
  // 2026
  '2026-01-01',
  '2026-04-03',
  '2026-04-06',
  '2026-05-04',
  '2026-05-25',
  '2026-08-31',
  '2026-12-25',
  '2026-12-28',
  // 2027
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
  // 2028
  '2028-01-03',
  '2028-04-14',
  '2028-04-17',
  '2028-05-01',
  '2028-05-29',
  '2028-08-28',
  '2028-12-25',
  '2028-12-26',
]);

/** The first and last years the table covers. */
export const BANK_HOLIDAY_YEARS = { first: 2025, last: 2028 } as const;

/** Whether a UK calendar date (YYYY-MM-DD) is a working day: Monday to Friday, not a bank holiday. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !ENGLAND_AND_WALES_BANK_HOLIDAYS.has(date);
}
