/**
 * The filters of `getTransHistory` (guide 3.3), applied to the sandbox's
 * records: `date_debut` and `date_fin` (`jj-mm-aaaa`, inclusive, on the UTC
 * day of `created_at`), `cpm_payid`, `cel_phone_num`, `cpm_trans_id` (exact
 * matches), then the page `numeropage` (from 1) of `nbligne` rows. A
 * malformed date is 614; a page number or size that is not a positive
 * integer is ignored, as PHP's intval would make it meaningless.
 */

import { parseHistoryDate, parseTransDate } from '../../shared/cinetpay/dates';
import type { HistoryFilters, TransactionRecord } from '../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../shared/result';
import type { FieldProblem } from './payment-fields';

const DAY_MS = 86_400_000;

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,6}$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= 1 ? value : undefined;
}

function dateBound(fields: HistoryFilters, name: 'date_debut' | 'date_fin'): Result<number | undefined, FieldProblem> {
  const text = fields[name]?.trim() ?? '';
  if (text === '') return ok(undefined);
  const date = parseHistoryDate(text);
  return date ? ok(date.getTime()) : err({ code: '614', detail: `Invalid ${name}: expected a date "jj-mm-aaaa", got ${JSON.stringify(text.slice(0, 40))}` });
}

/** The records the filters select, newest first as given, cut to the requested page. */
export function filterHistory(records: readonly TransactionRecord[], filters: HistoryFilters): Result<TransactionRecord[], FieldProblem> {
  const from = dateBound(filters, 'date_debut');
  if (!from.ok) return from;
  const to = dateBound(filters, 'date_fin');
  if (!to.ok) return to;
  const exact = (['cpm_payid', 'cel_phone_num', 'cpm_trans_id'] as const)
    .map((name) => [name, filters[name]?.trim() ?? ''] as const)
    .filter(([, value]) => value !== '');
  const selected = records.filter((record) => {
    const created = parseTransDate(record.created_at)?.getTime() ?? 0;
    if (from.value !== undefined && created < from.value) return false;
    if (to.value !== undefined && created >= to.value + DAY_MS) return false;
    return exact.every(([name, value]) => record[name] === value);
  });
  const size = positiveInteger(filters.nbligne);
  if (size === undefined) return ok(selected);
  const page = positiveInteger(filters.numeropage) ?? 1;
  return ok(selected.slice((page - 1) * size, page * size));
}
