/**
 * Payment links: `GET /pay/:product` and `GET /pay` (open amounts) serve a
 * page with a plain form; `POST` to the same path starts the order through
 * the very code of `/api/checkout` (`startCheckout`) and answers a page that
 * holds CinetPay's form. No JavaScript is needed anywhere: a link shared on
 * WhatsApp, or a printed QR code, is the whole integration. The price comes
 * from the catalog (or the open-amount bounds), never from the form.
 *
 * Where the API needs the payer's name and email (`customerRequired`), both
 * forms ask for them and checkout receives them as the widget sends them.
 * The form takes them under every API, as `/api/checkout` does, and checkout
 * checks them whenever they are sent: a page opened before the merchant
 * moved to another API still posts.
 *
 * Refusals are HTML pages in the customer's language with the status the
 * error table gives (`api-error.ts`): 404 for an unknown product, 400 for bad
 * input (the form comes back with the problem and what was typed when the
 * amount, the designation or the customer was refused), 403 for a form
 * posted from a site the merchant has not allowed, 429 over the rate limit,
 * 502/503 when CinetPay fails.
 */

import type { Language } from '../../../shared/cinetpay/wire';
import { type ApiError, apiError } from '../api-error';
import type { Config, Product } from '../config';
import { CUSTOMER_FIELDS, type CustomerField, customerRequired, refusedCustomerFields } from '../customer';
import { CUSTOMER_TEXTS, pageLanguage } from '../customer-texts';
import type { RenderedPage } from '../html-page';
import {
  BLANK_CUSTOMER,
  CUSTOMER_FORM_NAMES,
  type CustomerInput,
  hostedFormPage,
  messagePage,
  type OpenAmountInput,
  openAmountPage,
  payPath,
  productName,
  productPage,
} from '../pay-pages';
import { overLimit } from '../rate-limit';
import { customerPage, type Reply } from '../reply';
import { readForm } from '../request-body';
import type { RouteContext, RouteRequest } from '../route-context';
import { startCheckout } from './checkout';

/** Checkout's own body limit: a name or designation outside ASCII takes up to nine bytes a character once percent-encoded. */
const MAX_FORM_BYTES = 4096;
const CUSTOMER_NAMES: readonly string[] = Object.values(CUSTOMER_FORM_NAMES);
const PRODUCT_FIELDS: readonly string[] = ['lang', ...CUSTOMER_NAMES];
const OPEN_FIELDS: readonly string[] = ['lang', 'amount', 'designation', ...CUSTOMER_NAMES];
const AMOUNT_CODES: ReadonlySet<string> = new Set(['MISSING_FIELD', 'INVALID_AMOUNT', 'AMOUNT_TOO_LOW', 'AMOUNT_TOO_HIGH', 'AMOUNT_OUT_OF_BOUNDS']);

function answer(page: RenderedPage, status: number): Reply {
  return customerPage(page.html, status, page.policy);
}

/** An error of the table as a page: its status, and words the customer can act on. */
async function refusal(error: ApiError, lang: Language, back: string | null): Promise<Reply> {
  const texts = CUSTOMER_TEXTS[lang];
  const again = back === null ? undefined : { href: back, label: texts.tryAgain };
  const [title, message] = ((): [string, string] => {
    if (error.code === 'RATE_LIMITED') return [texts.tooManyTitle, texts.tooMany];
    if (error.code === 'FORBIDDEN_ORIGIN') return [texts.foreignOriginTitle, texts.foreignOrigin];
    if (error.code === 'UNKNOWN_PRODUCT') return [texts.notForSaleTitle, texts.notForSale];
    if (error.code === 'OPEN_AMOUNT_DISABLED') return [texts.notForSaleTitle, texts.openDisabled];
    if (error.status >= 500) return [texts.unavailableTitle, texts.unavailable];
    return [texts.badRequestTitle, texts.badRequest];
  })();
  // A page that does not exist is a 404 to browsers and link previews; the JSON API's 400 says the request named it wrong.
  const missing = error.code === 'UNKNOWN_PRODUCT' || error.code === 'OPEN_AMOUNT_DISABLED';
  return answer(await messagePage(lang, title, message, missing ? undefined : again), missing ? 404 : error.status);
}

/** The product a link names; unknown ids get the same 404 whatever their shape. */
function linkedProduct(request: RouteRequest, config: Config): Product | null {
  const id = request.params['product'] ?? '';
  return config.catalog.get(id) ?? null;
}

/**
 * A form may come from this Worker's own pages or from a shop in
 * ALLOWED_ORIGINS, as checkout's JSON may; a browser that hides the origin
 * (`Origin: null`, sent under our no-referrer policy) or a client that sends
 * none is let through: a payment link is public, and the rate limit bounds it.
 */
function formOriginAllowed(request: Request, config: Config): boolean {
  const origin = request.headers.get('origin');
  return origin === null || origin === 'null' || origin === config.publicUrl || config.allowedOrigins.has(origin);
}

/** Reads the form, refusing fields outside `allowed`; the page language comes from its `lang`. */
async function readPayForm(
  request: Request,
  allowed: readonly string[],
): Promise<{ fields: Record<string, string> | null; error: ApiError | null; lang: Language }> {
  const form = await readForm(request, MAX_FORM_BYTES);
  if (!form.ok) return { fields: null, error: form.error, lang: 'fr' };
  const lang = pageLanguage(form.value['lang']);
  const unknown = Object.keys(form.value).find((name) => !allowed.includes(name));
  if (unknown !== undefined) return { fields: null, error: apiError('UNKNOWN_FIELD', `Unknown field ${JSON.stringify(unknown.slice(0, 40))}`), lang };
  return { fields: form.value, error: null, lang };
}

/** The customer's fields of a posted form under checkout's names; a field the form lacks stays absent, as in the widget's JSON. */
function customerBody(fields: Readonly<Record<string, string>>): Partial<Record<CustomerField, string>> {
  const body: Partial<Record<CustomerField, string>> = {};
  for (const field of CUSTOMER_FIELDS) {
    const value = fields[CUSTOMER_FORM_NAMES[field]];
    if (value !== undefined) body[field] = value;
  }
  return body;
}

/** The name and email fields of a page: blank where the API needs them, none where it does not. */
function blankCustomer(config: Config): CustomerInput | null {
  return customerRequired(config) ? BLANK_CUSTOMER : null;
}

/**
 * The name and email fields of a form brought back: what the customer typed,
 * the refused fields marked when checkout refused the customer. A form that
 * sent them gets them back even where the API does not need them.
 */
function typedCustomer(sent: Partial<Record<CustomerField, string>>, config: Config, refused: boolean): CustomerInput | null {
  if (Object.keys(sent).length === 0 && !customerRequired(config)) return null;
  return {
    values: { customerFirstName: sent.customerFirstName ?? '', customerLastName: sent.customerLastName ?? '', customerEmail: sent.customerEmail ?? '' },
    refused: refused ? refusedCustomerFields(sent) : [],
  };
}

/** `GET /pay/:product` */
export async function productLink(request: RouteRequest, { env, config }: RouteContext): Promise<Reply> {
  const lang = pageLanguage(new URL(request.url).searchParams.get('lang'));
  const product = linkedProduct(request, config);
  if (!product) return refusal(apiError('UNKNOWN_PRODUCT', 'No such product'), lang, null);
  if (await overLimit(env.LOOKUP_LIMIT, request)) return refusal(apiError('RATE_LIMITED', 'Too many requests'), lang, null);
  return answer(await productPage(product, lang, config.publicUrl, blankCustomer(config)), 200);
}

/** `POST /pay/:product`: the order, then CinetPay's form. */
export async function payProduct(request: RouteRequest, context: RouteContext): Promise<Reply> {
  const { config } = context;
  const product = linkedProduct(request, config);
  if (!formOriginAllowed(request, config)) return refusal(apiError('FORBIDDEN_ORIGIN', 'Foreign form'), 'fr', null);
  const form = await readPayForm(request, PRODUCT_FIELDS);
  if (!product) return refusal(apiError('UNKNOWN_PRODUCT', 'No such product'), form.lang, null);
  const back = payPath(product.id, form.lang);
  if (!form.fields) return refusal(form.error ?? apiError('INVALID_BODY', 'Unreadable form'), form.lang, back);
  const customer = customerBody(form.fields);
  const body: Record<string, unknown> = {
    product: product.id,
    ...(form.fields['lang'] === undefined ? {} : { lang: form.fields['lang'] }),
    ...customer,
  };
  const started = await startCheckout(body, request, context);
  if (!started.ok) {
    // A refused name or email brings the form back, as typed; any other refusal is a page of its own.
    if (started.error.code !== 'INVALID_CUSTOMER') return refusal(started.error, form.lang, back);
    return answer(await productPage(product, form.lang, config.publicUrl, typedCustomer(customer, config, true)), started.error.status);
  }
  return answer(await hostedFormPage(started.value, productName(product, form.lang), product.amount, product.currency, form.lang), 200);
}

/** `GET /pay`: the open-amount form, when the merchant takes open amounts. */
export async function openLink(request: RouteRequest, { env, config }: RouteContext): Promise<Reply> {
  const lang = pageLanguage(new URL(request.url).searchParams.get('lang'));
  const open = config.openAmount;
  if (!open) return refusal(apiError('OPEN_AMOUNT_DISABLED', 'No open amounts'), lang, null);
  if (await overLimit(env.LOOKUP_LIMIT, request)) return refusal(apiError('RATE_LIMITED', 'Too many requests'), lang, null);
  return answer(await openAmountPage(open, lang, config.publicUrl, { amount: '', designation: '', problem: null, customer: blankCustomer(config) }), 200);
}

/** A whole number as checkout's JSON would carry it; anything else stays text, which checkout refuses as INVALID_AMOUNT. */
function formAmount(value: string | undefined): number | string | undefined {
  return value !== undefined && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value;
}

/** `POST /pay`: an open amount; a refused amount, designation or customer brings the form back with the problem, 400. */
export async function payOpen(request: RouteRequest, context: RouteContext): Promise<Reply> {
  const { config } = context;
  const open = config.openAmount;
  if (!formOriginAllowed(request, config)) return refusal(apiError('FORBIDDEN_ORIGIN', 'Foreign form'), 'fr', null);
  const form = await readPayForm(request, OPEN_FIELDS);
  if (!open) return refusal(apiError('OPEN_AMOUNT_DISABLED', 'No open amounts'), form.lang, null);
  const back = payPath(null, form.lang);
  if (!form.fields) return refusal(form.error ?? apiError('INVALID_BODY', 'Unreadable form'), form.lang, back);
  const amount = formAmount(form.fields['amount']);
  const designation = form.fields['designation'];
  const customer = customerBody(form.fields);
  const body: Record<string, unknown> = {
    amount: amount ?? '',
    designation: designation ?? '',
    ...(form.fields['lang'] === undefined ? {} : { lang: form.fields['lang'] }),
    ...customer,
  };
  const started = await startCheckout(body, request, context);
  if (!started.ok) {
    const { code } = started.error;
    const problem: OpenAmountInput['problem'] = AMOUNT_CODES.has(code) ? 'amount' : code === 'INVALID_DESIGNATION' ? 'designation' : null;
    const customerRefused = code === 'INVALID_CUSTOMER';
    if (problem === null && !customerRefused) return refusal(started.error, form.lang, back);
    const input: OpenAmountInput = {
      amount: form.fields['amount'] ?? '',
      designation: designation ?? '',
      problem,
      customer: typedCustomer(customer, config, customerRefused),
    };
    return answer(await openAmountPage(open, form.lang, config.publicUrl, input), started.error.status);
  }
  return answer(await hostedFormPage(started.value, `${open.label}${designation ?? ''}`, Number(amount), 'CFA', form.lang), 200);
}
