import { storeNames } from '../stores';
import * as repo from './repository';

/**
 * Money that did not go back: refunds the gateway ended ABNORMAL or CLOSED (or the refund job gave up on), not yet
 * closed by staff, and payments refused because someone other than the buyer paid; newest first, in `scope`, with
 * the names of the stores they name (one read).
 */
export async function listRefundIssues(scope: Record<string, unknown>, limit: number) {
  const [refunds, alerts] = await Promise.all([repo.openIssues(scope, limit), repo.latestAlerts(scope, limit)]);
  const storeIds = [...new Set([...refunds, ...alerts].map((x) => x.storeId).filter((id): id is string => typeof id === 'string'))];
  return { refunds, alerts, storeNames: await storeNames(storeIds) };
}
