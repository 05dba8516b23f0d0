import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceContext } from '../../service-context.ts';
import { DEFAULT_TIER_POLICY } from '../access/index.ts';
import type { Principal } from '../auth/auth.ts';
import type { HandoverFieldRow, HandoverRow } from './exchange.tables.ts';
import { forReader } from './handover-read.service.ts';

const principal = (staffId: string, roles: Principal['roles']): ServiceContext =>
  ({ principal: { staffId, roles } }) as unknown as ServiceContext;
const field = (key: string, category: string): HandoverFieldRow => ({
  handover_id: 'h',
  position: 0,
  key,
  label: key,
  category,
  value: `${key} text`,
  disclosed: 1,
  withheld_reasons: '[]',
});
const h = { sender_staff_id: 'sender', lead_staff_id: 'lead' } as HandoverRow;
const fields = [
  field('risks', 'RISK_SUMMARY'),
  field('meds', 'MEDICATION'),
  field('concern', 'SAFEGUARDING'),
];

describe('a handover’s copy for readers other than the sender and the lead', () => {
  it('gives the sender and the lead the copy as decided for them', () => {
    assert.deepEqual(forReader(principal('lead', ['frontline']), h, fields, DEFAULT_TIER_POLICY), fields);
  });
  it('withholds from any other reader what their role tier does not hold, saying why', () => {
    const seen = forReader(principal('manager', ['frontline']), h, fields, DEFAULT_TIER_POLICY);
    assert.deepEqual(
      seen.map((f) => [f.key, f.disclosed, f.value]),
      [
        ['risks', 1, 'risks text'],
        ['meds', 0, null],
        ['concern', 0, null],
      ],
    );
    assert.match(seen[1]?.withheld_reasons ?? '', /ROLE_TIER_EXCLUDES_CATEGORY/);
  });
  it('keeps restricted categories to their designated roles', () => {
    const clinical = forReader(principal('manager', ['clinical']), h, fields, DEFAULT_TIER_POLICY);
    assert.equal(clinical[1]?.disclosed, 1);
    assert.equal(clinical[2]?.disclosed, 0);
  });
});
