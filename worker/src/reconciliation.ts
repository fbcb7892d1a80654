/**
 * The reconciliation's comparison, with no I/O: CinetPay's transaction
 * history for a range beside our order index's rows for the same range,
 * matched by transaction id, each id flagged (shared/api/admin.ts says what
 * each flag means). Flagged rows come first, so the merchant sees what needs
 * a re-check without scrolling; then newest first by transaction id, which
 * the Worker makes from the time, so the order is stable.
 */

import type { CinetpayTransaction, IndexedOrder, Reconciliation, ReconciliationFlag, ReconciliationRow } from '../../shared/api/admin';
import type { TransactionRecord } from '../../shared/cinetpay/wire';

/** The Annexe I code of a paid transaction. */
const PAID = '00';

function flagOf(order: IndexedOrder | null, cinetpay: CinetpayTransaction | null): ReconciliationFlag {
  if (cinetpay?.result === PAID && order?.status !== 'ACCEPTED') return 'paid_not_accepted';
  if (order?.status === 'ACCEPTED' && cinetpay === null) return 'accepted_not_found';
  return 'agree';
}

function transaction(record: TransactionRecord): CinetpayTransaction {
  return {
    result: record.cpm_result,
    status: record.cpm_trans_status,
    amount: record.cpm_amount,
    currency: record.cpm_currency,
    payId: record.cpm_payid,
    paymentMethod: record.payment_method,
  };
}

/** Matches both lists by transaction id; a transaction CinetPay lists more than once counts as paid if any copy is. */
export function reconcile(from: string, to: string, records: readonly TransactionRecord[], orders: readonly IndexedOrder[]): Reconciliation {
  const cinetpay = new Map<string, CinetpayTransaction>();
  for (const record of records) {
    const known = cinetpay.get(record.cpm_trans_id);
    if (!known || known.result !== PAID) cinetpay.set(record.cpm_trans_id, transaction(record));
  }
  const indexed = new Map(orders.map((order) => [order.transId, order]));
  const ids = [...new Set([...indexed.keys(), ...cinetpay.keys()])];
  const rows: ReconciliationRow[] = ids.map((transId) => {
    const order = indexed.get(transId) ?? null;
    const paid = cinetpay.get(transId) ?? null;
    return { transId, flag: flagOf(order, paid), order, cinetpay: paid };
  });
  const rank = (row: ReconciliationRow): number => (row.flag === 'agree' ? 1 : 0);
  rows.sort((a, b) => rank(a) - rank(b) || compareIds(b.transId, a.transId));
  const counts: Record<ReconciliationFlag, number> = { paid_not_accepted: 0, accepted_not_found: 0, agree: 0 };
  for (const row of rows) counts[row.flag]++;
  return { from, to, counts, rows };
}

/** The Worker's transaction ids are digit strings (worker/src/trans-id.ts): compared as numbers, so a longer one is larger. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
