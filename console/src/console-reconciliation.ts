/**
 * `<console-reconciliation>`: CinetPay's transactions beside the merchant's
 * orders for a range of days (`#/reconciliation?from=…&to=…`, today by
 * default), each row flagged as the Worker's `/admin/reconciliation`
 * answers. A row CinetPay reports paid that the Worker has not accepted has
 * a "Re-check" button: it asks CinetPay through the order's existing
 * re-check, then reads the reconciliation again, so the flag goes once the
 * order is accepted.
 */

import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Reconciliation, ReconciliationRow } from '../../shared/api/admin';
import { getReconciliation, recheck } from './api';
import { formatAmount } from './format';
import { consoleStyles } from './styles';
import { type Lang, TEXTS } from './texts';

/** Today's UTC day, as the Worker's order index counts days. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export class ConsoleReconciliationElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    lang: { type: String },
    query: { attribute: false },
    report: { state: true },
    problem: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  /** The view's URL query: `from` and `to`. */
  declare query: URLSearchParams;
  declare report: Reconciliation | null;
  declare problem: string;
  /** The transaction id being re-checked, or `''`. */
  declare busy: string;

  constructor() {
    super();
    this.lang = 'fr';
    this.query = new URLSearchParams();
    this.report = null;
    this.problem = '';
    this.busy = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) {
      this.report = null;
      void this.#load();
    }
  }

  #range(): { readonly from: string; readonly to: string } {
    return { from: this.query.get('from') ?? today(), to: this.query.get('to') ?? today() };
  }

  async #load(): Promise<void> {
    const { from, to } = this.#range();
    const loading = `${from}/${to}`;
    delete this.dataset['loaded'];
    const answer = await getReconciliation(from, to);
    // A newer range may have been asked meanwhile: only its own answer may show.
    const now = this.#range();
    if (loading !== `${now.from}/${now.to}`) return;
    if (answer.ok) {
      this.report = answer.value;
      this.problem = '';
    } else {
      this.problem = answer.code;
    }
    // Says which range the rows on screen answer (tests and scripts wait on it).
    this.dataset['loaded'] = loading;
  }

  #apply(event: SubmitEvent): void {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value !== '') query.set(name, value);
    }
    location.hash = `#/reconciliation?${query}`;
  }

  async #recheck(transId: string): Promise<void> {
    if (this.busy) return;
    this.busy = transId;
    const answer = await recheck(transId);
    await this.#load();
    if (!answer.ok) this.problem = answer.code;
    this.busy = '';
  }

  #row(row: ReconciliationRow) {
    const texts = TEXTS[this.lang];
    const order = row.order;
    return html`<tr data-trans-id=${row.transId} data-flag=${row.flag}>
      <td><span class="flag flag-${row.flag}">${texts.flags[row.flag]}</span></td>
      <td>${order ? html`<a href="#/orders/${row.transId}">${row.transId}</a>` : row.transId}</td>
      <td>${order ? html`<span class="status status-${order.status}" data-status=${order.status}>${texts.statuses[order.status]}</span>` : '—'}</td>
      <td>${row.cinetpay ? `${row.cinetpay.result} ${row.cinetpay.status}` : '—'}</td>
      <td class="number">${order ? formatAmount(order.amount, order.currency, this.lang) : row.cinetpay ? formatAmount(Number(row.cinetpay.amount), row.cinetpay.currency, this.lang) : ''}</td>
      <td>${row.cinetpay?.paymentMethod || order?.paymentMethod || ''}</td>
      <td>${
        row.flag === 'paid_not_accepted' && order
          ? html`<button type="button" data-action="recheck" ?disabled=${this.busy !== ''} @click=${() => this.#recheck(row.transId)}>${texts.recheckRow}</button>`
          : nothing
      }</td>
    </tr>`;
  }

  #table(report: Reconciliation) {
    const texts = TEXTS[this.lang];
    if (report.rows.length === 0) return html`<p class="muted" role="status">${texts.noTransactions}</p>`;
    return html`<p role="status" data-counts>${texts.reconciliationCounts(report.counts.paid_not_accepted, report.counts.accepted_not_found, report.counts.agree)}</p>
      <div class="scroll"><table>
        <caption class="visually-hidden">${texts.reconciliation}</caption>
        <thead><tr>
          <th scope="col">${texts.flag}</th><th scope="col">${texts.transId}</th><th scope="col">${texts.ourStatus}</th>
          <th scope="col">${texts.cinetpayStatus}</th><th scope="col" class="number">${texts.amount}</th><th scope="col">${texts.method}</th>
          <th scope="col"><span class="visually-hidden">${texts.actions}</span></th>
        </tr></thead>
        <tbody>${report.rows.map((row) => this.#row(row))}</tbody>
      </table></div>`;
  }

  override render() {
    const texts = TEXTS[this.lang];
    const { from, to } = this.#range();
    return html`<h2>${texts.reconciliation}</h2>
      <p class="muted">${texts.reconciliationHelp}</p>
      <form class="card filters" @submit=${this.#apply} aria-label=${texts.filters}>
        <label>${texts.from}<input type="date" name="from" required .value=${from} /></label>
        <label>${texts.to}<input type="date" name="to" required .value=${to} /></label>
        <div class="row actions"><button type="submit">${texts.compare}</button></div>
      </form>
      ${
        this.problem === 'NOT_SUPPORTED_BY_API'
          ? html`<p class="error" role="alert" data-problem=${this.problem}>${texts.historyNotOnV2}</p>`
          : this.problem
            ? html`<p class="error" role="alert">${texts.actionFailed(this.problem)}</p>`
            : nothing
      }
      ${this.report ? this.#table(this.report) : this.problem ? nothing : html`<p class="muted" role="status">${texts.loading}</p>`}`;
  }
}
