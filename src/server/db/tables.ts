import type { AccessTables } from '../modules/access/access.tables.ts';
import type {
  AgreementLifecycleTables,
  AgreementsTables,
  DpiaTables,
} from '../modules/agreements/agreements.tables.ts';
import type { SharingGuideTables } from '../modules/agreements/sharing-guide.tables.ts';
import type { AssuranceTables, IncidentTables } from '../modules/assurance/assurance.tables.ts';
import type { IncidentReviewTables } from '../modules/assurance/incident-review.tables.ts';
import type { InterfaceRegisterTables } from '../modules/assurance/interface-register.tables.ts';
import type { SharingAuditTables } from '../modules/assurance/sharing-audit.tables.ts';
import type { AuditTables } from '../modules/audit/audit.tables.ts';
import type { VerificationRunTables } from '../modules/audit/verification-runs.ts';
import type { AuthTables } from '../modules/auth/auth.tables.ts';
import type { ConsentTables } from '../modules/consent/consent.tables.ts';
import type { DirectoryTables } from '../modules/directory/directory.tables.ts';
import type { ExchangeTables } from '../modules/exchange/exchange.tables.ts';
import type { SamplingTables } from '../modules/exchange/sampling.tables.ts';
import type { PeopleTables } from '../modules/people/people.tables.ts';
import type { ReportingTables } from '../modules/reporting/reporting.tables.ts';
import type { SafeguardingTables } from '../modules/signals/safeguarding.tables.ts';
import type { SignalsTables } from '../modules/signals/signals.tables.ts';

/** Every table Accord stores, for Kysely's typing. */
export type Tables = DirectoryTables &
  AuthTables &
  PeopleTables &
  AuditTables &
  AgreementsTables &
  ConsentTables &
  AccessTables &
  AssuranceTables &
  ExchangeTables &
  SignalsTables &
  SafeguardingTables &
  ReportingTables &
  AgreementLifecycleTables &
  DpiaTables &
  IncidentTables &
  SamplingTables &
  SharingAuditTables &
  SharingGuideTables &
  InterfaceRegisterTables &
  IncidentReviewTables &
  VerificationRunTables;
