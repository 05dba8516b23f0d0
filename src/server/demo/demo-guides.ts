/**
 * The demo's "what we share and when": scenario guidance the trust's and the housing provider's IG
 * leads wrote (the trust's crisis guidance in a second version, produced by a dispute's outcome),
 * and staff acknowledgements of their guides: current for most, one lapsed a month ago, and one
 * peer support worker who has not acknowledged yet.
 */
import type { Situation } from '../../contracts/sharing-guide.ts';
import type { Db } from '../db/database.ts';
import { SHARING_ROLES } from '../modules/agreements/agreement-lifecycle.ts';
import { ukToday } from '../modules/agreements/agreements.ts';
import { generateGuide } from '../modules/agreements/sharing-guide.service.ts';
import { DAY_MS, daysBefore, startOfUtcDay } from './demo-dates.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';
import { NORTHSHIRE_STAFF } from './partnership-staff.ts';

type Guidance = [
  org: string,
  situation: Situation,
  author: string,
  daysAgo: number,
  body: string,
  note: string,
];

const GUIDANCE: readonly Guidance[] = [
  [
    'trust',
    'ROUTINE',
    'ig.priya',
    90,
    'Share through Accord handovers with the organisations on the person’s care team. Check their consent first: if they have restricted a partner or a category, Accord withholds it and tells you why. Use the template for the purpose and leave out anything the partner does not need.',
    'First version',
  ],
  [
    'trust',
    'URGENT',
    'ig.priya',
    90,
    'When a partner needs to act today, send the warm handoff template and phone the named worker. If consent is not recorded and there is a serious risk, record a lawful exception with your reasons before you share.',
    'First version',
  ],
  [
    'trust',
    'SAFEGUARDING',
    'ig.priya',
    90,
    'Raise a safeguarding concern in Accord and use the safeguarding referral template. You may share without consent to protect an adult at risk; record the safeguarding exception and tell the Named Nurse for Safeguarding Adults the same day.',
    'First version',
  ],
  [
    'trust',
    'CRISIS',
    'ig.priya',
    90,
    'The crisis team may see the crisis summary for anyone in the partnership. Break glass only when the person is not on your caseload and cannot wait; your IG lead reviews every use.',
    'First version',
  ],
  [
    'trust',
    'CRISIS',
    'ig.priya',
    20,
    'The crisis team may see the crisis summary for anyone in the partnership. Break glass only when the person is not on your caseload and cannot wait; your IG lead reviews every use. Send the crisis plan to housing through Accord to the named tenancy officer, never by email: the sanctuary and housing may receive it for crisis response under the crisis response agreement.',
    'Clarified after a housing officer asked whether crisis plans may be emailed',
  ],
  [
    'housing',
    'ROUTINE',
    'mgr.ian',
    60,
    'Tenancy officers receive what the trust and council share for people they support; keep it in Accord, not in tenancy notes. Share tenancy concerns back through Accord handovers.',
    'First version',
  ],
  [
    'housing',
    'SAFEGUARDING',
    'mgr.ian',
    60,
    'If you are worried about a tenant’s safety, raise a concern in Accord and phone the council safeguarding hub. You may share without consent to protect them.',
    'First version',
  ],
];

/** Inserts the demo scenario guidance, its dispute and the acknowledgements; returns how many acknowledgements. */
export async function seedDemoGuides(db: Db, today: Date): Promise<number> {
  const day = startOfUtcDay(today);
  const at = (daysAgo: number) => `${daysBefore(day, daysAgo)}T10:00:00.000Z`;
  const disputeId = demoId('dispute:crisis-plan-by-email');
  await db
    .insertInto('agreement_disputes')
    .values({
      id: disputeId,
      agreement_id: demoId('agreement:crisis-response'),
      raised_by: staffId('ho.kerry'),
      organisation_id: organisationId('housing'),
      question: 'May the crisis team email a tenant’s crisis plan to the tenancy team when Accord is slow?',
      raised_at: at(25),
      outcome:
        'No: crisis plans go through Accord to the named officer. The trust’s crisis guidance now says so.',
      guidance_changed: 1,
      resolved_by: staffId('ig.priya'),
      resolved_at: at(21),
    })
    .execute();
  const versions = new Map<string, number>();
  for (const [org, situation, author, daysAgo, body, note] of GUIDANCE) {
    const key = `${org}:${situation}`;
    const version = (versions.get(key) ?? 0) + 1;
    versions.set(key, version);
    await db
      .insertInto('scenario_guidance')
      .values({
        id: demoId(`scenario:${key}:${version}`),
        organisation_id: organisationId(org),
        situation,
        version,
        body,
        change_note: note,
        dispute_id: version > 1 ? disputeId : null,
        created_by: staffId(author),
        created_at: at(daysAgo),
      })
      .execute();
  }
  const todayKey = ukToday(today);
  let written = 0;
  for (const s of NORTHSHIRE_STAFF) {
    // Sam has not read his guide yet: it is on his worklist.
    if (s.username === 'peer.sam') continue;
    for (const role of s.roles.filter((r) => SHARING_ROLES.includes(r))) {
      const guide = await generateGuide(db, organisationId(s.organisation), role, todayKey);
      // Dev acknowledged thirteen months ago: lapsed, so it is on his worklist.
      const lapsed = s.username === 'ho.dev';
      const given = lapsed ? 395 : 14;
      await db
        .insertInto('guide_acknowledgements')
        .values({
          id: demoId(`guide-ack:${s.username}:${role}`),
          staff_id: staffId(s.username),
          organisation_id: organisationId(s.organisation),
          role,
          fingerprint: guide.fingerprint,
          acknowledged_at: at(given),
          lapses_on: new Date(day - given * DAY_MS + 365 * DAY_MS).toISOString().slice(0, 10),
        })
        .execute();
      written += 1;
    }
  }
  return written;
}
