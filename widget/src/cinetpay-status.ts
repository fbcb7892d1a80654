/**
 * `<cinetpay-status>`: the merchant's return page. It never believes the
 * URL's `status`: it asks the Worker (`GET /api/orders/:transId`), whose
 * answer rests on CinetPay's verified notification, and keeps asking with a
 * growing delay until the status is final. This module only declares the
 * class; `define.ts` registers the tag.
 */

import { type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import type { PublicOrderAnswer } from '../../shared/api/contract';
import { TRANS_ID_PATTERN } from '../../shared/api/trans-id';
import type { Language } from '../../shared/cinetpay/wire';
import { apiUrl, fetchOrder } from './api';
import { statusStyles } from './cinetpay-status.styles';
import { element } from './dom';
import { CinetpayStatusEvent, type DisplayStatus } from './events';
import { formatAmount, resolveLanguage, supportedLanguage } from './format';
import { STATUS_TEXTS } from './texts';

/** The first re-check comes this soon; each next one waits BACKOFF_FACTOR times longer, up to MAX_DELAY_MS. */
const FIRST_DELAY_MS = 1_000;
const BACKOFF_FACTOR = 1.5;
const MAX_DELAY_MS = 10_000;
/** After this long the page stops asking; what it shows stays. */
const GIVE_UP_AFTER_MS = 30 * 60_000;
/** Failed requests in a row before the page admits it cannot check. */
const UNREACHABLE_AFTER_FAILURES = 3;

const FINAL: ReadonlySet<DisplayStatus> = new Set<DisplayStatus>(['ACCEPTED', 'REFUSED', 'CANCELLED', 'NOT_FOUND']);

/**
 * Shows the verified outcome of a payment on the merchant's return page:
 * confirmed (with the amount and what was bought, and a download link when
 * the product is a file), pending, refused,
 * cancelled or not found, in French or English. It polls the Worker until
 * the status is final, then stops.
 *
 * @summary Shows a payment's verified status.
 * @fires cinetpay-status - The displayed status changed; `detail.status` (`CHECKING`, `PENDING`, `ACCEPTED`, `REFUSED`, `CANCELLED`, `NOT_FOUND`, `UNREACHABLE`) and `detail.order`.
 * @slot checking - Replaces the message shown before the first answer.
 * @slot accepted - Replaces the "Paiement confirmé" message.
 * @slot pending - Replaces the "awaiting confirmation" message.
 * @slot refused - Replaces the "refused" message.
 * @slot cancelled - Replaces the "cancelled" message.
 * @slot not-found - Replaces the "order not found" message.
 * @slot unreachable - Replaces the message shown while the Worker does not answer.
 * @csspart status - The card around the message (a polite live region).
 * @csspart title - The message's first line.
 * @csspart amount - The amount and designation.
 * @csspart detail - The explanation under the title.
 * @csspart reference - The transaction reference.
 * @csspart download - The "Télécharger" / "Download" link of a paid order whose product has a file (digital delivery).
 * @cssprop [--cinetpay-status-success-color=#0b6a3b] - Accent of a confirmed payment.
 * @cssprop [--cinetpay-status-pending-color=#8a5300] - Accent of a pending payment.
 * @cssprop [--cinetpay-status-failure-color=#b42318] - Accent of a refused payment or unknown order.
 * @cssprop [--cinetpay-status-neutral-color=#4b5563] - Accent while checking, or of a cancelled payment.
 * @cssprop [--cinetpay-status-background=#ffffff] - Card background.
 * @cssprop [--cinetpay-status-color=#111827] - Text colour.
 * @cssprop [--cinetpay-status-muted-color=#4b5563] - Colour of the reference line.
 * @cssprop [--cinetpay-status-border-color=#e5e7eb] - Card border.
 * @cssprop [--cinetpay-status-radius=0.5rem] - Card corner radius.
 * @cssprop [--cinetpay-status-padding=1.25em 1.5em] - Card inner spacing.
 * @cssprop [--cinetpay-font=inherit] - Font shorthand for the whole element.
 */
export class CinetpayStatusElement extends ReactiveElement {
  static override styles = statusStyles;
  static override properties = {
    endpoint: { type: String },
    transId: { type: String, attribute: 'trans-id' },
    language: { type: String, attribute: 'lang' },
  };

  /** The Worker's URL, e.g. `https://pay.example.com`; relative (`/`) when the Worker serves the page. Required. @attr endpoint */
  declare endpoint: string | null;
  /** The transaction to show; default: the page URL's `trans_id` parameter (the Worker's redirect adds it). @attr trans-id */
  declare transId: string | null;
  /** `fr` or `en`, from the standard `lang` attribute; default: the document's language if it is one of those, else `fr`. @attr lang */
  declare language: string | null;

  #status: DisplayStatus = 'CHECKING';
  #order: PublicOrderAnswer | null = null;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delayMs = FIRST_DELAY_MS;
  #failures = 0;
  #startedAt = 0;
  #card: HTMLDivElement | undefined;
  /** What the card shows, as text: an update that changes nothing leaves the live region alone (no repeated announcement). */
  #shown = '';

  constructor() {
    super();
    this.endpoint = null;
    this.transId = null;
    this.language = null;
  }

  /** What the element shows now. */
  get status(): DisplayStatus {
    return this.#status;
  }

  /** The order as the Worker last described it. */
  get order(): PublicOrderAnswer | null {
    return this.#order;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.addEventListener('visibilitychange', this.#onVisibilityChange);
    // Back on the page after a removal: resume where it stopped. The first connection starts in updated().
    if (this.hasUpdated && !FINAL.has(this.#status)) this.#restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#stop();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('transId')) this.#restart();
  }

  #lang(): Language {
    return supportedLanguage(this.language) ?? resolveLanguage(this);
  }

  #currentTransId(): string | null {
    return this.transId ?? new URL(this.ownerDocument.URL).searchParams.get('trans_id');
  }

  #restart(): void {
    this.#stop();
    this.#delayMs = FIRST_DELAY_MS;
    this.#failures = 0;
    this.#startedAt = Date.now();
    this.#order = null;
    this.#setStatus('CHECKING');
    void this.#poll();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  async #poll(): Promise<void> {
    this.#timer = undefined;
    const transId = this.#currentTransId();
    // The Worker's own rule for a cpm_trans_id, checked before any request.
    if (transId === null || !TRANS_ID_PATTERN.test(transId)) {
      console.error(`<cinetpay-status>: no valid transaction id, got ${JSON.stringify(transId)}; set trans-id, or open the page with ?trans_id=...`);
      this.#setStatus('NOT_FOUND');
      return;
    }
    const url = apiUrl(this.endpoint ?? '', `api/orders/${transId}`, this.ownerDocument.baseURI);
    if (!url) {
      console.error(`<cinetpay-status>: the endpoint attribute must be the Worker's URL, got ${JSON.stringify(this.endpoint)}`);
      this.#setStatus('UNREACHABLE');
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const result = await fetchOrder(url, this.#lang(), controller.signal);
    if (controller.signal.aborted) return;
    this.#controller = undefined;
    if (result.ok) {
      this.#failures = 0;
      this.#order = result.value;
      this.#setStatus(result.value.status);
    } else if (result.error.code === 'ORDER_NOT_FOUND') {
      this.#setStatus('NOT_FOUND');
    } else if (++this.#failures >= UNREACHABLE_AFTER_FAILURES) {
      this.#setStatus('UNREACHABLE');
    }
    if (FINAL.has(this.#status) || Date.now() - this.#startedAt > GIVE_UP_AFTER_MS) return;
    this.#timer = setTimeout(() => void this.#poll(), this.#delayMs);
    this.#delayMs = Math.min(this.#delayMs * BACKOFF_FACTOR, MAX_DELAY_MS);
  }

  /** The customer comes back from their phone's payment prompt: check now rather than at the next tick. */
  readonly #onVisibilityChange = (): void => {
    if (this.ownerDocument.visibilityState !== 'visible' || this.#timer === undefined) return;
    clearTimeout(this.#timer);
    void this.#poll();
  };

  /** Shows `status` (and the order just received); fires `cinetpay-status` when the status differs from the one shown. */
  #setStatus(status: DisplayStatus): void {
    const changed = status !== this.#status;
    this.#status = status;
    this.setAttribute('status', status);
    this.requestUpdate();
    if (changed) this.dispatchEvent(new CinetpayStatusEvent({ status, order: this.#order }));
  }

  /**
   * The slot (named for the status, so a page can replace the words) and its
   * fallback paragraphs, by part: the Worker's words for a known order, the
   * element's own only when there is no order to show.
   */
  #content(lang: Language): readonly [slot: string, paragraphs: readonly (readonly [part: string, text: string])[]] {
    const texts = STATUS_TEXTS[lang];
    const order = this.#order;
    switch (this.#status) {
      case 'CHECKING':
        return ['checking', [['title', texts.checking]]];
      case 'NOT_FOUND':
        return [
          'not-found',
          [
            ['title', texts.notFound],
            ['detail', texts.notFoundDetail],
          ],
        ];
      case 'UNREACHABLE':
        return [
          'unreachable',
          [
            ['title', texts.unreachable],
            ['detail', texts.unreachableDetail],
          ],
        ];
    }
    if (!order) return [this.#status.toLowerCase(), []];
    const { message } = order;
    return [
      this.#status.toLowerCase(),
      [
        ['title', message.title],
        ['amount', `${formatAmount(order.amount, order.currency, lang)} · ${order.designation}`],
        ['detail', message.detail],
        ['reference', message.reference],
      ],
    ];
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    const doc = this.ownerDocument;
    this.#card ??= this.renderRoot.appendChild(
      element(doc, 'div', { class: 'card', part: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }),
    );
    const card = this.#card;
    const lang = this.#lang();
    const [slot, paragraphs] = this.#content(lang);
    // The Worker sends the link only while it works: paid, a product with a file, not expired.
    const download = this.#status === 'ACCEPTED' ? this.#order?.downloadUrl : undefined;
    const shown = JSON.stringify([slot, paragraphs, download]);
    if (shown === this.#shown) return;
    this.#shown = shown;
    card.replaceChildren(element(doc, 'slot', { name: slot }, ...paragraphs.map(([part, text]) => element(doc, 'p', { class: part, part }, text))));
    if (download) {
      card.append(element(doc, 'p', {}, element(doc, 'a', { part: 'download', href: download, download: '' }, STATUS_TEXTS[lang].download)));
    }
  }
}
