/**
 * `<console-overview>`: the console's first view after sign-in. The last 30
 * days from the order index (`GET /admin/overview`): revenue per day as a
 * chart, orders by status, conversion, revenue by product and by payment
 * method; and the CinetPay balance (`GET /admin/balance`), asked separately
 * so that a slow or failing CinetPay never hides the shop's own numbers.
 */

import { html, LitElement, nothing } from 'lit';
import type { Overview } from '../../shared/api/admin';
import { ORDER_STATUSES } from '../../shared/api/contract';
import type { BalanceResponse } from '../../shared/cinetpay/wire';
import { getBalance, getOverview } from './api';
import { formatAmount, formatBalance, formatPercent } from './format';
import { consoleStyles } from './styles';
import { type Lang, TEXTS } from './texts';

const CURRENCY = 'CFA';

export class ConsoleOverviewElement extends LitElement {
  static override styles = [consoleStyles];
  static override properties = {
    lang: { type: String },
    overview: { state: true },
    balance: { state: true },
    problem: { state: true },
  };

  declare lang: Lang;
  declare overview: Overview | null;
  /** `not_supported`: the Worker runs CinetPay v2, which has no balance call. */
  declare balance: BalanceResponse | null | 'unavailable' | 'not_supported';
  declare problem: string;

  constructor() {
    super();
    this.lang = 'fr';
    this.overview = null;
    this.balance = null;
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  /** The overview and the balance each show as soon as they come: the balance is a call to CinetPay, which may take seconds. */
  async #load(): Promise<void> {
    await Promise.all([this.#loadOverview(), this.#loadBalance()]);
  }

  async #loadOverview(): Promise<void> {
    const overview = await getOverview();
    if (overview.ok) this.overview = overview.value;
    else this.problem = overview.code;
  }

  async #loadBalance(): Promise<void> {
    const balance = await getBalance();
    this.balance = balance.ok ? balance.value : balance.code === 'NOT_SUPPORTED_BY_API' ? 'not_supported' : 'unavailable';
  }

  #balance() {
    const texts = TEXTS[this.lang];
    if (this.balance === null) return html`<p class="muted">${texts.loading}</p>`;
    if (this.balance === 'unavailable') return html`<p class="muted">${texts.balanceUnavailable}</p>`;
    if (this.balance === 'not_supported') return html`<p class="muted" data-balance="not-supported">${texts.balanceNotOnV2}</p>`;
    const { compte, service } = this.balance.user;
    return html`<dl class="balance">
      <dt>${texts.balanceAccount}</dt><dd data-balance="account">${formatBalance(compte.solde, this.lang)}</dd>
      <dt>${texts.balanceService}</dt><dd data-balance="service">${formatBalance(service.solde, this.lang)}</dd>
    </dl>`;
  }

  override render() {
    const texts = TEXTS[this.lang];
    const view = this.overview;
    if (!view) return this.problem ? html`<p class="error" role="alert">${texts.actionFailed(this.problem)}</p>` : html`<p class="muted">${texts.loading}</p>`;
    const money = (amount: number) => formatAmount(amount, CURRENCY, this.lang);
    return html`<h2>${texts.overview}</h2>
      <div class="grid">
        <section class="card wide" aria-labelledby="revenue">
          <h3 id="revenue">${texts.revenue30}</h3>
          <console-revenue-chart .lang=${this.lang} .days=${view.revenueByDay} currency=${CURRENCY}></console-revenue-chart>
        </section>
        <section class="card" aria-labelledby="statuses">
          <h3 id="statuses">${texts.byStatus}</h3>
          <table>
            <tbody>
              ${ORDER_STATUSES.map(
                (status) =>
                  html`<tr><th scope="row"><span class="status status-${status}">${texts.statuses[status]}</span></th><td class="number" data-status=${status}>${view.byStatus[status]}</td></tr>`,
              )}
            </tbody>
          </table>
          <p><strong data-conversion>${view.conversion === null ? '—' : formatPercent(view.conversion, this.lang)}</strong> ${texts.conversionHelp}</p>
        </section>
        <section class="card" aria-labelledby="balance">
          <h3 id="balance">${texts.balance}</h3>
          ${this.#balance()}
        </section>
        <section class="card" aria-labelledby="products">
          <h3 id="products">${texts.byProduct}</h3>
          <div class="scroll"><table>
            <thead><tr><th scope="col">${texts.product}</th><th scope="col" class="number">${texts.count}</th><th scope="col" class="number">${texts.amount}</th></tr></thead>
            <tbody>
              ${view.byProduct.map(
                (row) =>
                  html`<tr><td class="wrap">${row.productId === null ? texts.openAmount : row.designation}</td><td class="number">${row.orders}</td><td class="number">${money(row.amount)}</td></tr>`,
              )}
            </tbody>
          </table></div>
        </section>
        <section class="card" aria-labelledby="methods">
          <h3 id="methods">${texts.byMethod}</h3>
          <div class="scroll"><table>
            <thead><tr><th scope="col">${texts.method}</th><th scope="col" class="number">${texts.count}</th><th scope="col" class="number">${texts.amount}</th></tr></thead>
            <tbody>
              ${view.byMethod.map((row) => html`<tr><td>${row.method}</td><td class="number">${row.orders}</td><td class="number">${money(row.amount)}</td></tr>`)}
            </tbody>
          </table></div>
        </section>
      </div>
      ${this.problem ? html`<p class="error">${this.problem}</p>` : nothing}`;
  }
}
