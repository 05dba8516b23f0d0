/** What other modules may use from agreements. */

export { findAgreementNames } from './agreements.repository.ts';
export { agreementsRoutes } from './agreements.routes.ts';
export { loadAgreementFacts } from './agreements.service.ts';
export type { AgreementDocument, AgreementTerms, AgreementVersion } from './agreements.ts';
export { isInForce, missingForActivation, toFact } from './agreements.ts';
