/**
 * A small partnership for the consent API tests: a trust that coordinates Alex's care, a council
 * social worker and a housing officer on the care team, and staff who are not involved.
 */
import type { FastifyInstance } from 'fastify';
import { activateAgreement } from '../../../../test/harness/agreement-activation.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
  nextYear,
} from '../../../../test/harness/factories.ts';
import { governedDb, personReadForTest } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import { type CareTeamRole, DATA_CATEGORIES, type DataCategory } from '../../../contracts/enums.ts';
import type { Database } from '../../db/database.ts';
import { type AccessFacts, type Actor, DEFAULT_TIER_POLICY, type Decision, decide } from '../access/index.ts';
import { completeAgreementInput } from '../agreements/agreements.factories.ts';
import { loadConsentFacts } from './consent-facts.ts';

/** What the consent API tests work with. */
export interface ConsentWorld {
  app: FastifyInstance;
  orgs: { trust: string; council: string; housing: string };
  staff: { coordinator: string; socialWorker: string; housingOfficer: string };
  as: {
    coordinator: Session;
    clinician: Session;
    outsider: Session;
    frontline: Session;
    igTrust: Session;
    igHousing: Session;
  };
  /** A fresh person with the trust coordinator, a council social worker and a housing officer on the care team. */
  person(): Promise<{ id: string; nhsNumber: string }>;
  /** What decide says about a council or housing practitioner viewing the trust's data, with an agreement in force. */
  decideFor(personId: string, viewer: 'council' | 'housing', category: DataCategory): Promise<Decision>;
}

/** Builds the partnership, signs everyone in and returns the world. */
export async function consentWorld(database: Database): Promise<ConsentWorld> {
  const app = await testApp(database);
  const trust = await makeOrganisation(database, { name: 'Northshire Trust', type: 'NHS_TRUST' });
  const council = await makeOrganisation(database, { name: 'Northshire Council', type: 'LOCAL_AUTHORITY' });
  const housing = await makeOrganisation(database, { name: 'Wendle Valley Homes', type: 'HOUSING_PROVIDER' });
  const tag = crypto.randomUUID().slice(0, 8);
  const staff = async (
    organisationId: string,
    roles: Parameters<typeof makeStaff>[1]['roles'],
    name: string,
  ) => (await makeStaff(database, { organisationId, roles, username: `${name}.${tag}` })).id;
  const coordinator = await staff(trust, ['care_manager'], 'coord');
  const clinician = await staff(trust, ['clinical'], 'clin');
  const socialWorker = await staff(council, ['care_manager'], 'sw');
  const housingOfficer = await staff(housing, ['frontline'], 'ho');
  await staff(trust, ['care_manager', 'clinical'], 'outsider');
  await staff(trust, ['ig_lead'], 'igtrust');
  await staff(housing, ['ig_lead'], 'ighousing');
  const signed = (name: string) => signIn(app, `${name}.${tag}`);
  const as = {
    coordinator: await signed('coord'),
    clinician: await signed('clin'),
    outsider: await signed('outsider'),
    frontline: await signed('ho'),
    igTrust: await signed('igtrust'),
    igHousing: await signed('ighousing'),
  };
  // Agreements in force from the trust to the council and to housing, covering every category, so
  // that what each partner's staff see is decided by consent and their roles' tiers.
  for (const to of [council, housing]) {
    const created = await call(
      app,
      as.igTrust,
      'POST',
      '/api/v1/agreements',
      completeAgreementInput(
        { from: trust, to },
        {
          startDate: '2020-01-01',
          reviewDate: '2099-01-01',
          grants: [
            {
              fromOrganisationId: trust,
              toOrganisationId: to,
              purpose: 'DIRECT_CARE',
              categories: [...DATA_CATEGORIES],
            },
          ],
        },
      ),
    );
    if (created.statusCode !== 201) throw new Error(`agreement not created: ${created.body}`);
    const active = await activateAgreement(
      app,
      database,
      as.igTrust,
      created.json<{ id: string }>().id,
      'Signed off for the test partnership.',
    );
    if (active.statusCode !== 200) throw new Error(`agreement not activated: ${active.body}`);
  }
  const actors: Record<'council' | 'housing', Actor> = {
    council: actor(socialWorker, council, 'care_manager'),
    housing: actor(housingOfficer, housing, 'frontline'),
  };

  return {
    app,
    orgs: { trust, council, housing },
    staff: { coordinator, socialWorker, housingOfficer },
    as,
    async person() {
      const p = await makePerson(database);
      await addMembership(database, {
        personId: p.id,
        organisationId: trust,
        staffId: coordinator,
        role: 'CARE_COORDINATOR',
      });
      await addMembership(database, {
        personId: p.id,
        organisationId: trust,
        staffId: clinician,
        role: 'CLINICIAN',
      });
      await addMembership(database, {
        personId: p.id,
        organisationId: council,
        staffId: socialWorker,
        role: 'SOCIAL_WORKER',
      });
      await addMembership(database, {
        personId: p.id,
        organisationId: housing,
        staffId: housingOfficer,
        role: 'HOUSING_OFFICER',
      });
      return p;
    },
    async decideFor(personId, viewer, category) {
      const at = new Date().toISOString();
      const careTeam = await governedDb(database)
        .selectFrom('care_team_memberships')
        .selectAll()
        .where('person_id', '=', personId)
        .execute();
      const facts: AccessFacts = {
        careTeam: careTeam.map((m) => ({
          id: m.id,
          staffId: m.staff_id,
          teamId: m.team_id,
          organisationId: m.organisation_id,
          role: m.role as CareTeamRole,
          startDate: m.start_date,
          endDate: m.end_date,
        })),
        agreements: [
          {
            id: 'dsa-test',
            version: 1,
            status: 'active',
            startDate: '2020-01-01',
            endDate: null,
            complete: true,
            grants: [council, housing].map((to) => ({
              fromOrganisationId: trust,
              toOrganisationId: to,
              purpose: 'DIRECT_CARE' as const,
              categories: [...DATA_CATEGORIES],
            })),
          },
        ],
        breakGlassGrants: [],
        ...(await loadConsentFacts(await personReadForTest(database, personId), at)),
      };
      return decide(
        {
          actor: actors[viewer],
          personId,
          category,
          owningOrganisationId: trust,
          action: 'view',
          purpose: 'DIRECT_CARE',
          at,
          facts,
        },
        DEFAULT_TIER_POLICY,
      );
    },
  };
}

function actor(staffId: string, organisationId: string, role: Actor['roles'][number]): Actor {
  return {
    staffId,
    organisationId,
    teamIds: [],
    roles: [role],
    active: true,
    igTrainingExpiresOn: nextYear(),
    safeguardingTrained: false,
  };
}

/** A capture body with sensible defaults. */
export function captureBody(
  provisions: unknown[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    capacity: 'HAS_CAPACITY',
    explanation: 'Explained who will see what, why, and that this can be changed at any time.',
    reviewDate: nextYear(),
    provisions,
    ...overrides,
  };
}
