/**
 * Test support: makes an agreement active the way a partnership does. An IG lead of every party
 * records its legal and operational sign-off, every party's sharing staff acknowledge the guidance,
 * then the given IG lead activates it. Parties without an IG lead get one, for the sign-off only.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Agreement } from '../../src/contracts/agreements.ts';
import type { Database } from '../../src/server/db/database.ts';
import { SHARING_ROLES } from '../../src/server/modules/agreements/agreement-lifecycle.ts';
import { makeStaff } from './factories.ts';
import { call, type Session, signIn } from './http.ts';

// A fresh session each time: suites move their clocks between calls, past a cached session's life.
const sessionOf = (app: FastifyInstance, username: string): Promise<Session> => signIn(app, username);

async function usernames(database: Database, organisationId: string, roles: readonly string[]) {
  const rows = await database.db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select('s.username')
    .distinct()
    .where('s.organisation_id', '=', organisationId)
    .where('s.active', '=', 1)
    .where('r.role', 'in', [...roles])
    .orderBy('s.username')
    .execute();
  return rows.map((r) => r.username);
}

function expectOk(res: LightMyRequestResponse, what: string): void {
  if (res.statusCode !== 200) throw new Error(`${what} failed with ${res.statusCode}: ${res.body}`);
}

/** Every party signs off (legal and operational) and every party's sharing staff acknowledge. */
export async function signOffEveryParty(
  app: FastifyInstance,
  database: Database,
  ig: Session,
  agreementId: string,
  signedOn = '2020-01-01',
): Promise<void> {
  const read = await call(app, ig, 'GET', `/api/v1/agreements/${agreementId}`);
  expectOk(read, 'reading the agreement');
  const agreement = read.json<Agreement>();
  for (const party of agreement.parties) {
    const org = party.organisationId;
    let [igLead] = await usernames(database, org, ['ig_lead']);
    if (igLead === undefined)
      igLead = (await makeStaff(database, { organisationId: org, roles: ['ig_lead'] })).username;
    const session = await sessionOf(app, igLead);
    for (const kind of ['LEGAL', 'OPERATIONAL'] as const)
      expectOk(
        await call(app, session, 'POST', `/api/v1/agreements/${agreementId}/sign-offs`, {
          organisationId: org,
          kind,
          signerName: `${party.organisationName} signatory`,
          signerRole: kind === 'LEGAL' ? 'SIRO' : 'Director of operations',
          signedOn,
          expectedVersion: agreement.version,
        }),
        `${kind} sign-off`,
      );
    for (const username of await usernames(database, org, SHARING_ROLES))
      expectOk(
        await call(
          app,
          await sessionOf(app, username),
          'POST',
          `/api/v1/agreements/${agreementId}/acknowledge`,
          {
            expectedVersion: agreement.version,
          },
        ),
        'acknowledging the guidance',
      );
  }
}

/** Signs off, acknowledges, then activates as `ig`; returns the activation response. */
export async function activateAgreement(
  app: FastifyInstance,
  database: Database,
  ig: Session,
  agreementId: string,
  note = 'Signed off by every party',
): Promise<LightMyRequestResponse> {
  await signOffEveryParty(app, database, ig, agreementId);
  return call(app, ig, 'POST', `/api/v1/agreements/${agreementId}/status`, { status: 'active', note });
}
