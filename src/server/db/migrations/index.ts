import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.ts';
import * as audit from './0002-audit.ts';
import * as agreements from './0003-agreements.ts';
import * as consent from './0004-consent.ts';
import * as access from './0005-access.ts';
import * as assurance from './0006-assurance.ts';
import * as partnershipVersion from './0009-partnership-version.ts';
import * as hardening from './0010-hardening.ts';
import * as authority from './0011-authority.ts';
import * as caseloadOrder from './0012-caseload-order.ts';
import * as directoryVersion from './0013-directory-version.ts';
import * as careTeamCovering from './0017-care-team-covering.ts';
import * as exchange from './0020-exchange.ts';
import * as handoverTemplates from './0021-handover-templates.ts';
import * as pathwayEpisodes from './0022-pathway-episodes.ts';
import * as handoverSourcesAndTasks from './0023-handover-sources-and-tasks.ts';
import * as crisisSearch from './0024-crisis-search.ts';
import * as interimDecisions from './0025-interim-decisions.ts';
import * as handoverSampling from './0026-handover-sampling.ts';
import * as signals from './0030-signals.ts';
import * as safeguarding from './0040-safeguarding.ts';
import * as agreementLifecycle from './0050-agreement-lifecycle.ts';
import * as dpias from './0051-dpias.ts';
import * as igIncidents from './0052-ig-incidents.ts';
import * as sharingGuides from './0053-sharing-guides.ts';
import * as interfaceRegister from './0054-interface-register.ts';
import * as incidentReviews from './0055-incident-reviews.ts';
import * as complianceIndex from './0056-compliance-index.ts';
import * as sharingAudits from './0057-sharing-audits.ts';
import * as reporting from './0060-reporting.ts';
import * as dataQualityAudits from './0061-data-quality-audits.ts';
import * as reportingRefusalsIndex from './0068-reporting-refusals-index.ts';
import * as auditVerificationRuns from './0069-audit-verification-runs.ts';

/** Every migration, in order. Names sort lexically, which is the order Kysely applies them. */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001-foundation': foundation,
  '0002-audit': audit,
  '0003-agreements': agreements,
  '0004-consent': consent,
  '0005-access': access,
  '0006-assurance': assurance,
  '0009-partnership-version': partnershipVersion,
  '0011-authority': authority,
  '0010-hardening': hardening,
  '0020-exchange': exchange,
  '0021-handover-templates': handoverTemplates,
  '0022-pathway-episodes': pathwayEpisodes,
  '0030-signals': signals,
  '0040-safeguarding': safeguarding,
  '0012-caseload-order': caseloadOrder,
  '0060-reporting': reporting,
  '0023-handover-sources-and-tasks': handoverSourcesAndTasks,
  '0024-crisis-search': crisisSearch,
  '0025-interim-decisions': interimDecisions,
  '0050-agreement-lifecycle': agreementLifecycle,
  '0051-dpias': dpias,
  '0052-ig-incidents': igIncidents,
  '0017-care-team-covering': careTeamCovering,
  '0026-handover-sampling': handoverSampling,
  '0056-compliance-index': complianceIndex,
  '0057-sharing-audits': sharingAudits,
  '0053-sharing-guides': sharingGuides,
  '0054-interface-register': interfaceRegister,
  '0055-incident-reviews': incidentReviews,
  '0013-directory-version': directoryVersion,
  '0061-data-quality-audits': dataQualityAudits,
  '0068-reporting-refusals-index': reportingRefusalsIndex,
  '0069-audit-verification-runs': auditVerificationRuns,
};
