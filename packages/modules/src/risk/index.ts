/** Risk: per-user statistics kept from order events, for the risk rules to come (issue 13). */
export { riskStats, countEvent, userDayStats, RISK_COUNTERS, type RiskStats, type RiskCounter } from './repository';
export { riskSubscriber } from './subscriber';

/** The collections this module owns. */
export const COLLECTIONS = ['risk_stats'] as const;
