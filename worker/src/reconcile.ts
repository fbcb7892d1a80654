/**
 * The reconciliation cron: re-checks PENDING orders with `checkPayStatus`, so
 * that an order whose notification was lost (guide 3.5 lists the usual
 * causes) still ends verified. Candidates come from the KV index's
 * `pending:` keys; the decision is each order's Durable Object's, which does
 * nothing for an order that is no longer PENDING.
 */

import { isIndexMetadata, PENDING_PREFIX } from './order-index';
import { orderStub } from './order-object';

/** Younger orders are left to their notification; older ones are abandoned carts. */
export const MIN_AGE_MS = 5 * 60 * 1000;
export const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_CHECKS_PER_RUN = 200;
const MAX_LIST_PAGES = 20;
const CONCURRENCY = 8;

export interface ReconcileReport {
  readonly checked: number;
  readonly changed: number;
  readonly failed: number;
}

async function candidates(kv: KVNamespace, now: number): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES && found.length < MAX_CHECKS_PER_RUN; page++) {
    const list = await kv.list({ prefix: PENDING_PREFIX, ...(cursor ? { cursor } : {}) });
    for (const key of list.keys) {
      if (!isIndexMetadata(key.metadata)) continue;
      const age = now - Date.parse(key.metadata.createdAt);
      if (age >= MIN_AGE_MS && age <= MAX_AGE_MS) found.push(key.name.slice(PENDING_PREFIX.length));
    }
    if (list.list_complete) break;
    cursor = list.cursor;
  }
  return found.slice(0, MAX_CHECKS_PER_RUN);
}

/** Checks the PENDING orders aged between MIN_AGE_MS and MAX_AGE_MS at `now`, a few at a time. */
export async function reconcile(env: Env, now: number): Promise<ReconcileReport> {
  const queue = await candidates(env.ORDER_INDEX, now);
  let checked = 0;
  let changed = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    for (let transId = queue.shift(); transId !== undefined; transId = queue.shift()) {
      const outcome = await orderStub(env, transId).verify('cron');
      checked++;
      if (!outcome.ok) failed++;
      else if (outcome.value.order.status !== outcome.value.previous) changed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.log(`reconcile: ${checked} pending orders checked, ${changed} changed, ${failed} failed`);
  return { checked, changed, failed };
}
