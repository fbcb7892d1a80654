/**
 * `<console-orders>`: the order list. Its filters and page live in the URL
 * (`#/orders?status=PENDING&from=…&cursor=…`), so a filtered view can be
 * bookmarked and the back button works; the form writes them there and
 * this element reads them back. Pages come newest first from the Worker's
 * keyset paging; "previous" walks back through the cursors this element has
 * followed. The CSV link exports the whole selection, not just the page.
 */

import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ORDER_FILTERS, OrderPage } from '../../shared/api/admin';
import { ORDER_STATUSES } from '../../shared/api/contract';
import { csvUrl, listOrders } from './api';
import { formatAmount, formatTime } from './format';
import { consoleStyles } from './styles';
import { type Lang, TEXTS } from './texts';

/** Rows per page: a phone scrolls one page without fatigue. */
const PAGE_SIZE = 25;

export class ConsoleOrdersElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    lang: { type: String },
    query: { attribute: false },
    page: { state: true },
    problem: { state: true },
  };

  declare lang: Lang;
  /** The view's URL query: filters and `cursor`. */
  declare query: URLSearchParams;
  declare page: OrderPage | null;
  declare problem: string;
  /** The cursors of the pages before this one, for "previous". */
  #previous: string[] = [];

  constructor() {
    super();
    this.lang = 'fr';
    this.query = new URLSearchParams();
    this.page = null;
    this.problem = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this.#load();
  }

  async #load(): Promise<void> {
    const query = new URLSearchParams(this.query);
    query.set('limit', String(PAGE_SIZE));
    this.page = null;
    delete this.dataset['loaded'];
    const loading = this.query.toString();
    const answer = await listOrders(query);
    // A newer query may have started meanwhile: only its own answer may show.
    if (loading !== this.query.toString()) return;
    if (answer.ok) {
      this.page = answer.value;
      this.problem = '';
    } else {
      this.problem = answer.code;
    }
    // Says which query the rows on screen answer (tests and scripts wait on it).
    this.dataset['loaded'] = loading;
  }

  #navigate(query: URLSearchParams): void {
    location.hash = `#/orders${query.size > 0 ? `?${query}` : ''}`;
  }

  #filtersOnly(): URLSearchParams {
    const filters = new URLSearchParams(this.query);
    filters.delete('cursor');
    return filters;
  }

  #apply(event: SubmitEvent): void {
    event.preventDefault();
    if (!(event.currentTarget instanceof HTMLFormElement)) return;
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim() !== '') query.set(name, value.trim());
    }
    this.#previous = [];
    this.#navigate(query);
  }

  #reset(): void {
    this.#previous = [];
    this.#navigate(new URLSearchParams());
  }

  #next(): void {
    const cursor = this.page?.cursor;
    if (!cursor) return;
    this.#previous.push(this.query.get('cursor') ?? '');
    const query = this.#filtersOnly();
    query.set('cursor', cursor);
    this.#navigate(query);
  }

  #back(): void {
    const cursor = this.#previous.pop();
    const query = this.#filtersOnly();
    if (cursor) query.set('cursor', cursor);
    this.#navigate(query);
  }

  #filters() {
    const texts = TEXTS[this.lang];
    const value = (name: (typeof ORDER_FILTERS)[number]) => this.query.get(name) ?? '';
    return html`<form class="card filters" @submit=${this.#apply} aria-label=${texts.filters}>
      <label>${texts.status}
        <select name="status">
          <option value="">${texts.any}</option>
          ${ORDER_STATUSES.map((status) => html`<option value=${status} ?selected=${value('status') === status}>${texts.statuses[status]}</option>`)}
        </select>
      </label>
      <label>${texts.from}<input type="date" name="from" .value=${value('from')} /></label>
      <label>${texts.to}<input type="date" name="to" .value=${value('to')} /></label>
      <label>${texts.kind}
        <select name="kind">
          <option value="">${texts.any}</option>
          <option value="product" ?selected=${value('kind') === 'product'}>${texts.kindProduct}</option>
          <option value="open" ?selected=${value('kind') === 'open'}>${texts.kindOpen}</option>
        </select>
      </label>
      <label>${texts.productId}<input name="product" .value=${value('product')} autocomplete="off" /></label>
      <label>${texts.transId}<input name="transId" .value=${value('transId')} inputmode="numeric" autocomplete="off" /></label>
      <label>${texts.phone}<input name="phone" .value=${value('phone')} inputmode="numeric" pattern="[0-9]{2,4}" maxlength="4" autocomplete="off" /></label>
      <div class="row actions">
        <button type="submit">${texts.apply}</button>
        <button type="button" class="secondary" @click=${this.#reset}>${texts.reset}</button>
        <a class="button secondary" href=${csvUrl(this.query)} download>${texts.csv}</a>
      </div>
    </form>`;
  }

  #table(page: OrderPage) {
    const texts = TEXTS[this.lang];
    if (page.orders.length === 0) return html`<p class="muted" role="status">${texts.noOrders}</p>`;
    return html`<div class="scroll"><table>
      <caption class="visually-hidden">${texts.orders}</caption>
      <thead><tr>
        <th scope="col">${texts.date}</th><th scope="col">${texts.status}</th><th scope="col" class="number">${texts.amount}</th>
        <th scope="col">${texts.designation}</th><th scope="col">${texts.method}</th><th scope="col">${texts.transId}</th>
      </tr></thead>
      <tbody>
        ${page.orders.map(
          (order) => html`<tr data-trans-id=${order.transId}>
            <td>${formatTime(order.createdAt, this.lang)}</td>
            <td><span class="status status-${order.status}" data-status=${order.status}>${texts.statuses[order.status]}</span></td>
            <td class="number">${formatAmount(order.amount, order.currency, this.lang)}</td>
            <td class="wrap">${order.designation}</td>
            <td>${order.paymentMethod ?? ''}</td>
            <td><a href="#/orders/${order.transId}">${order.transId}</a></td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  override render() {
    const texts = TEXTS[this.lang];
    return html`<h2>${texts.orders}</h2>
      ${this.#filters()}
      ${this.problem ? html`<p class="error" role="alert">${texts.actionFailed(this.problem)}</p>` : nothing}
      ${this.page ? this.#table(this.page) : html`<p class="muted" role="status">${texts.loading}</p>`}
      <nav class="row pager" aria-label=${texts.pages}>
        <button type="button" class="secondary" ?disabled=${!this.query.has('cursor')} @click=${this.#back}>${texts.previous}</button>
        <button type="button" class="secondary" ?disabled=${!this.page?.cursor} @click=${this.#next}>${texts.next}</button>
      </nav>`;
  }
}
