/**
 * `<cinetpay-button>`: the drop-in payment button. It asks the Worker to
 * create the order (`POST /api/checkout`), then leaves the page for
 * CinetPay's hosted payment page: a full-page form POST built from DOM nodes
 * (CinetPay v1), or a plain top-level navigation to the `payment_url` the
 * Worker got (checkout v2). This module only declares the class; `define.ts`
 * registers the tag.
 */

import { type PropertyValues, ReactiveElement } from '@lit/reactive-element';
import type { CheckoutRequest, PublicOpenAmount } from '../../shared/api/contract';
import { type Checkout, decodeOpenAmountBounds, decodeProductPrice } from '../../shared/api/decode';
import type { Language } from '../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../shared/result';
import { type ApiFailure, apiUrl, type ErrorCode, fetchProducts, startCheckout } from './api';
import { buttonStyles } from './cinetpay-button.styles';
import { attribute, element } from './dom';
import { CinetpayCheckoutEvent, CinetpayErrorEvent } from './events';
import { formatAmount, resolveLanguage, supportedLanguage } from './format';
import { BUTTON_TEXTS } from './texts';

/** The nodes an update changes. */
interface ButtonView {
  readonly button: HTMLButtonElement;
  /** Its fallback content is the default label. */
  readonly slot: HTMLSlotElement;
  /** In the button while busy only. */
  readonly spinner: HTMLSpanElement;
  readonly message: HTMLParagraphElement;
  /** The visually hidden status for screen readers. */
  readonly status: HTMLSpanElement;
}

/** One catalog request per Worker, shared by every button on the page; a failed one is forgotten. */
const catalogs = new Map<string, Promise<Result<Readonly<Record<string, unknown>>, ApiFailure>>>();

function catalog(url: URL): Promise<Result<Readonly<Record<string, unknown>>, ApiFailure>> {
  const key = url.href;
  let pending = catalogs.get(key);
  if (!pending) {
    pending = fetchProducts(url);
    catalogs.set(key, pending);
    void pending.then((result) => {
      if (!result.ok) catalogs.delete(key);
    });
  }
  return pending;
}

/** Tells the developer, in the console, what only they can fix; the customer reads a short text instead. */
function warn(message: string): void {
  console.error(`<cinetpay-button>: ${message}`);
}

/** True when the page is inside a frame: the form must then navigate the whole window. */
function isFramed(view: Window | null): boolean {
  if (!view) return false;
  try {
    return view.top !== view.self;
  } catch {
    return true;
  }
}

/**
 * `{[field]: value}` when the element has the attribute `customer-<name>`
 * (`customer-first-name`, `customer-last-name`, `customer-email`: the payer,
 * which CinetPay's 2026 API requires), else nothing. Plain attributes read at
 * click time, not reactive properties, so that the merchant's own form may
 * fill them just before.
 */
function customer(element: Element, name: string, field: keyof CheckoutRequest): Partial<CheckoutRequest> {
  const value = element.getAttribute(`customer-${name}`);
  return value ? { [field]: value } : {};
}

/**
 * A button that starts a CinetPay mobile-money payment. Give it the Worker's
 * origin and a catalog product (`product`), or an open amount (`amount` and
 * `designation`). A click creates the order on the Worker, then the whole
 * page goes to CinetPay's hosted payment page (a form POST under CinetPay v1,
 * a navigation to the payment URL under v2 and 2026; never a frame or a
 * popup). A double click starts one payment. Under CinetPay's 2026 API, also
 * give the payer's `customer-first-name`, `customer-last-name` and
 * `customer-email` (plain attributes, read at click time).
 *
 * @summary Starts a CinetPay payment.
 * @fires cinetpay-checkout - The order exists and the page is about to leave for the payment page; `detail.transId`. Cancelable: `preventDefault()` keeps the customer here.
 * @fires cinetpay-error - The payment could not start; `detail.code` says why (`NETWORK_ERROR`, `UNKNOWN_PRODUCT`, `CINETPAY_609_AUTH_NOT_FOUND`, ...), `detail.message` is what the customer read. The button is usable again.
 * @slot - The button label. Default: `Payer 5 000 F CFA` (the price from the catalog, or the open amount).
 * @csspart button - The native `<button>`.
 * @csspart message - The error message under the button (`role="alert"`).
 * @cssprop [--cinetpay-button-background=#0b6a3b] - Button background.
 * @cssprop [--cinetpay-button-background-hover=#08552f] - Button background under the pointer.
 * @cssprop [--cinetpay-button-background-disabled=#6b7280] - Button background when `disabled`.
 * @cssprop [--cinetpay-button-color=#ffffff] - Label colour.
 * @cssprop [--cinetpay-button-radius=0.5rem] - Corner radius.
 * @cssprop [--cinetpay-button-padding=0.75em 1.4em] - Inner spacing.
 * @cssprop [--cinetpay-button-border=0] - Border.
 * @cssprop [--cinetpay-button-shadow=0 1px 2px rgb(0 0 0 / 0.15)] - Shadow.
 * @cssprop [--cinetpay-button-font-weight=600] - Label weight.
 * @cssprop [--cinetpay-font=inherit] - Font shorthand for the whole element.
 * @cssprop [--cinetpay-focus-ring-color=#1a56db] - Keyboard focus ring.
 * @cssprop [--cinetpay-error-color=#b42318] - Error message colour.
 */
export class CinetpayButtonElement extends ReactiveElement {
  static override styles = buttonStyles;
  static override shadowRootOptions: ShadowRootInit = { ...ReactiveElement.shadowRootOptions, delegatesFocus: true };
  static override properties = {
    endpoint: { type: String },
    product: { type: String },
    amount: { type: Number },
    designation: { type: String },
    currency: { type: String },
    custom: { type: String },
    phone: { type: String },
    phonePrefix: { type: String, attribute: 'phone-prefix' },
    disabled: { type: Boolean, reflect: true },
    language: { type: String, attribute: 'lang' },
  };

  /** The Worker's URL, e.g. `https://pay.example.com`; relative (`/`) when the Worker serves the page. Required. @attr endpoint */
  declare endpoint: string | null;
  /** A product id of the Worker's catalog (the price comes from the Worker). Takes precedence over `amount`. @attr product */
  declare product: string | null;
  /** An open amount in whole francs CFA, for donations; needs `designation` and the Worker's open-amount setting. @attr amount */
  declare amount: number | null;
  /** What the customer pays for, with an open amount; shown on the payment page. @attr designation */
  declare designation: string | null;
  /** The currency shown in the default label; CinetPay v1 knows only `CFA`. @attr currency @default "CFA" */
  declare currency: string | null;
  /** The merchant's own reference, returned untouched by CinetPay (at most 255 characters). @attr custom */
  declare custom: string | null;
  /** Locks the payer's number (digits, without the country code); goes with `phone-prefix`. @attr phone */
  declare phone: string | null;
  /** The payer's country calling code without `+`, e.g. `225`. @attr phone-prefix */
  declare phonePrefix: string | null;
  /** Turns the button off. @attr disabled @default false */
  declare disabled: boolean;
  /** `fr` or `en`, from the standard `lang` attribute; default: the document's language if it is one of those, else `fr`. @attr lang */
  declare language: string | null;

  /** Set synchronously on the first click, so that a second click in the same task does nothing. */
  #busy = false;
  #error: { readonly code: ErrorCode; readonly message: string } | undefined;
  #price: { readonly amount: number; readonly currency: string } | undefined;
  /** The Worker's open-amount bounds, once its catalog has answered; an open amount is shown and charged only within them. */
  #openAmount: Pick<PublicOpenAmount, 'min' | 'max'> | undefined;
  #form: HTMLFormElement | undefined;
  #stopWatchingCsp: (() => void) | undefined;
  #view: ButtonView | undefined;

  constructor() {
    super();
    this.endpoint = null;
    this.product = null;
    this.amount = null;
    this.designation = null;
    this.currency = 'CFA';
    this.custom = null;
    this.phone = null;
    this.phonePrefix = null;
    this.disabled = false;
    this.language = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.ownerDocument.defaultView?.addEventListener('pageshow', this.#onPageShow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.defaultView?.removeEventListener('pageshow', this.#onPageShow);
  }

  /** True from the click until the payment page is reached, an error is shown, or the back button brings the page back. */
  get loading(): boolean {
    return this.#busy;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('product')) void this.#loadPrice();
  }

  #lang(): Language {
    return supportedLanguage(this.language) ?? resolveLanguage(this);
  }

  async #loadPrice(): Promise<void> {
    const { endpoint, product } = this;
    if (this.#price || this.#openAmount) {
      this.#price = undefined;
      this.#openAmount = undefined;
      this.requestUpdate();
    }
    if (!endpoint) return;
    const url = apiUrl(endpoint, 'api/products', this.ownerDocument.baseURI);
    if (!url) return;
    const result = await catalog(url);
    if (!result.ok || this.endpoint !== endpoint || this.product !== product) return;
    if (product) this.#price = decodeProductPrice(result.value, product);
    else this.#openAmount = decodeOpenAmountBounds(result.value);
    this.requestUpdate();
  }

  /**
   * Why the open amount cannot be paid, in the customer's words, or
   * `undefined` when it can (or when there is no open amount, or its bounds
   * are not known yet: the Worker still has the last word at checkout).
   */
  #amountProblem(lang: Language): string | undefined {
    const bounds = this.#openAmount;
    if (this.product || this.amount === null || !bounds) return undefined;
    const amount = this.amount;
    if (Number.isInteger(amount) && amount >= bounds.min && amount <= bounds.max) return undefined;
    const currency = this.currency ?? 'CFA';
    return BUTTON_TEXTS[lang].amountRange(formatAmount(bounds.min, currency, lang), formatAmount(bounds.max, currency, lang));
  }

  #defaultLabel(lang: Language): string {
    const texts = BUTTON_TEXTS[lang];
    if (this.product) return this.#price ? texts.payPrice + formatAmount(this.#price.amount, this.#price.currency, lang) : texts.pay;
    // An open amount shows in the label only once the Worker's bounds say it will be charged.
    const amount = this.amount;
    return amount !== null && this.#openAmount && this.#amountProblem(lang) === undefined
      ? texts.payPrice + formatAmount(amount, this.currency ?? 'CFA', lang)
      : texts.pay;
  }

  /**
   * The checkout request from the attributes. Only what is needed to send
   * something is checked here; the Worker validates every value and answers
   * a precise code (and, for the developer, a message naming the field).
   */
  #checkoutRequest(lang: Language): Result<{ readonly url: URL; readonly body: CheckoutRequest }, ErrorCode> {
    const url = apiUrl(this.endpoint ?? '', 'api/checkout', this.ownerDocument.baseURI);
    if (!url) {
      warn(`endpoint must be the Worker's URL, got ${JSON.stringify(this.endpoint)}`);
      return err('CONFIGURATION_ERROR');
    }
    if ((this.currency ?? 'CFA') !== 'CFA') {
      warn(`currency must be "CFA", got ${JSON.stringify(this.currency)}`);
      return err('INVALID_CURRENCY');
    }
    const extra = {
      lang,
      ...(this.custom ? { custom: this.custom } : {}),
      ...(this.phone ? { phone: this.phone } : {}),
      ...(this.phonePrefix ? { phonePrefix: this.phonePrefix } : {}),
      ...customer(this, 'first-name', 'customerFirstName'),
      ...customer(this, 'last-name', 'customerLastName'),
      ...customer(this, 'email', 'customerEmail'),
    };
    if (this.product) return ok({ url, body: { product: this.product, ...extra } });
    if (this.amount === null) {
      warn('set product (a catalog id), or amount and designation');
      return err('MISSING_FIELD');
    }
    return ok({ url, body: { amount: this.amount, designation: this.designation ?? '', ...extra } });
  }

  readonly #onClick = (): void => {
    void this.#start();
  };

  async #start(): Promise<void> {
    if (this.#busy || this.disabled || this.#amountProblem(this.#lang()) !== undefined) return;
    this.#setBusy(true);
    this.#error = undefined;
    const lang = this.#lang();
    const request = this.#checkoutRequest(lang);
    if (!request.ok) {
      this.#fail(request.error, 0, lang);
      return;
    }
    const result = await startCheckout(request.value.url, request.value.body, lang);
    if (!result.ok) {
      const { code, status, message } = result.error;
      if (message) warn(`the Worker answered ${status} ${code}: ${message}`);
      if (code === 'NETWORK_ERROR')
        warn(`no answer from ${request.value.url.origin}; if it is up, add ${new URL(this.ownerDocument.URL).origin} to its ALLOWED_ORIGINS`);
      this.#fail(code, status, lang, result.error.customerMessage);
      return;
    }
    if (!this.isConnected || !this.dispatchEvent(new CinetpayCheckoutEvent({ transId: result.value.transId }))) {
      this.#reset();
      return;
    }
    if (result.value.method === 'GET') this.#navigate(result.value.action);
    else this.#submit(result.value, lang);
  }

  /**
   * v2: the whole window goes to the payment page, the top one when the page
   * is framed (the `href` setter is what a cross-origin frame may use). The
   * button stays "redirecting" until the page leaves, as with the form POST.
   */
  #navigate(action: string): void {
    const view = this.ownerDocument.defaultView;
    if (!view) return;
    const target = isFramed(view) ? view.top : view;
    (target ?? view).location.href = action;
  }

  /**
   * Leaves for the payment page: a hidden form made of DOM nodes (values are
   * never parsed as HTML, so `'`, `"`, `<` and `&` arrive intact), posted as a
   * full-page navigation of the top window when the page is framed.
   */
  #submit(checkout: Extract<Checkout, { readonly method: 'POST' }>, lang: Language): void {
    const doc = this.ownerDocument;
    this.#form?.remove();
    const form = doc.createElement('form');
    form.method = 'post';
    form.action = checkout.action;
    form.acceptCharset = 'UTF-8';
    // Explicit, so that neither a frame nor a <base target> decides where the payment page opens.
    form.target = isFramed(doc.defaultView) ? '_top' : '_self';
    form.hidden = true;
    for (const [name, value] of Object.entries(checkout.fields)) {
      const input = doc.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    doc.body.append(form);
    this.#form = form;
    this.#watchCsp(doc, checkout.action, lang);
    // Through the prototype: a field named "submit" would shadow form.submit.
    HTMLFormElement.prototype.submit.call(form);
  }

  /** A `form-action` policy that omits the payment host blocks the POST without a sound; say so instead. */
  #watchCsp(doc: Document, action: string, lang: Language): void {
    this.#stopWatchingCsp?.();
    const onViolation = (event: SecurityPolicyViolationEvent): void => {
      if (event.effectiveDirective !== 'form-action') return;
      warn(`the page's Content-Security-Policy blocked the POST to ${action}: add its origin to form-action`);
      this.#reset();
      this.#fail('FORM_ACTION_BLOCKED', 0, lang);
    };
    doc.addEventListener('securitypolicyviolation', onViolation);
    this.#stopWatchingCsp = () => {
      doc.removeEventListener('securitypolicyviolation', onViolation);
      this.#stopWatchingCsp = undefined;
    };
  }

  /** `customerMessage` is the Worker's; without one, the element says what little it knows. */
  #fail(code: ErrorCode, status: number, lang: Language, customerMessage?: string): void {
    const texts = BUTTON_TEXTS[lang];
    const message = customerMessage ?? (code === 'NETWORK_ERROR' ? texts.network : status ? texts.unavailable : texts.contactShop);
    this.#error = { code, message };
    this.#setBusy(false);
    this.dispatchEvent(new CinetpayErrorEvent({ code, message, status }));
  }

  /** Back to a usable button, with no message. */
  #reset(): void {
    this.#stopWatchingCsp?.();
    this.#form?.remove();
    this.#form = undefined;
    this.#setBusy(false);
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.toggleAttribute('loading', busy);
    this.requestUpdate();
  }

  /** The back button restored this page from the back-forward cache, frozen as it left: unfreeze it. */
  readonly #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.#reset();
  };

  /** The shadow tree, built on the first update. */
  #build(): ButtonView {
    const doc = this.ownerDocument;
    const slot = element(doc, 'slot', {});
    const button = element(doc, 'button', { part: 'button', type: 'button', 'aria-describedby': 'message' }, element(doc, 'span', { class: 'label' }, slot));
    button.addEventListener('click', this.#onClick);
    const view = {
      button,
      slot,
      spinner: element(doc, 'span', { class: 'spinner', 'aria-hidden': 'true' }),
      message: element(doc, 'p', { id: 'message', part: 'message', class: 'message', role: 'alert' }),
      status: element(doc, 'span', { role: 'status' }),
    };
    this.renderRoot.append(button, view.message, view.status);
    return view;
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.#view ??= this.#build();
    const view = this.#view;
    const lang = this.#lang();
    const busy = this.#busy;
    const amountProblem = this.#amountProblem(lang);
    view.button.disabled = Boolean(this.disabled) || amountProblem !== undefined;
    view.button.setAttribute('aria-busy', String(busy));
    attribute(view.button, 'aria-disabled', busy ? 'true' : undefined);
    if (busy) view.button.prepend(view.spinner);
    else view.spinner.remove();
    view.slot.textContent = this.#defaultLabel(lang);
    view.message.textContent = amountProblem ?? this.#error?.message ?? '';
    view.status.textContent = busy ? BUTTON_TEXTS[lang].loading : '';
  }
}
