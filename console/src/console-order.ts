/**
 * `<console-order>`: one order, as its Durable Object knows it (always
 * current, unlike the list): its details, its timeline (creation, every
 * notification and verdict, every checkPayStatus answer, every transition,
 * every order.paid attempt), and two actions: re-check now with CinetPay,
 * and re-send order.paid with the same webhook-id. After an action the
 * order is read again, so the timeline shows what the action did.
 */

import { html, LitElement, type PropertyValues } from 'lit';
import type { OrderDetail, TimelineEvent } from '../../shared/api/admin';
import { getOrder, recheck, resend } from './api';
import { formatAmount, formatTime } from './format';
import { consoleStyles } from './styles';
import { type Lang, TEXTS, type Texts } from './texts';

function describe(event: TimelineEvent, texts: Texts, lang: Lang): string {
  switch (event.kind) {
    case 'created':
      return texts.created(formatAmount(event.amount, event.currency, lang), event.designation);
    case 'transition':
      return texts.transition(texts.statuses[event.from], texts.statuses[event.to], event.source);
    case 'notification':
      return texts.notification(event.outcome);
    case 'check':
      return texts.check(event.source, event.outcome);
    case 'delivery':
      return texts.delivery(
        texts.channels[event.channel],
        String(event.attempt ?? '?'),
        event.error === null ? `${event.status ?? ''} ${texts.delivered}`.trim() : event.error,
      );
    case 'resend':
      return texts.resendAsked;
  }
}

export class ConsoleOrderElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = {
    lang: { type: String },
    transId: { type: String, attribute: 'trans-id' },
    detail: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  declare lang: Lang;
  declare transId: string;
  declare detail: OrderDetail | null;
  declare message: string;
  declare busy: boolean;

  constructor() {
    super();
    this.lang = 'fr';
    this.transId = '';
    this.detail = null;
    this.message = '';
    this.busy = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('transId')) {
      this.detail = null;
      this.message = '';
      void this.#load();
    }
  }

  async #load(): Promise<void> {
    const answer = await getOrder(this.transId);
    if (answer.ok) this.detail = answer.value;
    else this.message = TEXTS[this.lang].actionFailed(answer.code);
  }

  async #act(action: (transId: string) => Promise<{ readonly ok: boolean; readonly code?: string }>, done: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const answer = await action(this.transId);
    this.message = answer.ok ? done : TEXTS[this.lang].actionFailed(answer.code ?? '');
    await this.#load();
    this.busy = false;
  }

  override render() {
    const texts = TEXTS[this.lang];
    const detail = this.detail;
    const back = html`<p><a href="#/orders">← ${texts.back}</a></p>`;
    if (!detail) return html`${back}<p role="status">${this.message || texts.loading}</p>`;
    const { order } = detail;
    return html`${back}
      <h2>${texts.order} <span data-trans-id>${order.transId}</span></h2>
      <div class="grid">
        <section class="card">
          <dl>
            <dt>${texts.status}</dt><dd><span class="status status-${order.status}" data-status=${order.status}>${texts.statuses[order.status]}</span></dd>
            <dt>${texts.amount}</dt><dd>${formatAmount(order.amount, order.currency, this.lang)}</dd>
            <dt>${texts.designation}</dt><dd>${order.designation}</dd>
            <dt>${texts.custom}</dt><dd>${order.custom}</dd>
            <dt>${texts.date}</dt><dd>${formatTime(order.createdAt, this.lang)}</dd>
            <dt>${texts.paidAt}</dt><dd>${order.paidAt ? formatTime(order.paidAt, this.lang) : '—'}</dd>
            <dt>${texts.method}</dt><dd>${order.paymentMethod ?? '—'}</dd>
            <dt>${texts.payId}</dt><dd>${order.payId ?? '—'}</dd>
            <dt>${texts.resultCode}</dt><dd>${order.resultCode ?? '—'}</dd>
          </dl>
          <div class="row actions order-actions">
            <button type="button" data-action="recheck" ?disabled=${this.busy} @click=${() => this.#act(recheck, texts.rechecked)}>${texts.recheck}</button>
            <button type="button" data-action="resend" class="secondary" ?disabled=${this.busy || !detail.deliveries.some((delivery) => delivery.channel === 'webhook')} @click=${() => this.#act(resend, texts.resent)}>${texts.resend}</button>
          </div>
          <p role="status" data-message>${this.message}</p>
        </section>
        <section class="card" aria-labelledby="timeline">
          <h3 id="timeline">${texts.timeline}</h3>
          <ol class="timeline">
            ${detail.timeline.map(
              (event) =>
                html`<li data-kind=${event.kind}><time datetime=${event.at}>${formatTime(event.at, this.lang)}</time> ${describe(event, texts, this.lang)}</li>`,
            )}
          </ol>
        </section>
      </div>`;
  }
}
