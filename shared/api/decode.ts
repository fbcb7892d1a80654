/**
 * The runtime decoders of the Worker's answers in `contract.ts`: each takes
 * a parsed JSON body as `unknown` and gives back the typed answer, or
 * `undefined` when the body is not our API. The widget reads every answer
 * through them; the Worker's tests check with them that what the Worker
 * answers is what the widget accepts.
 */

import { CURRENCIES, type Currency } from '../cinetpay/wire';
import { isRecord } from '../is-record';
import {
  type ApiErrorCode,
  type CinetpayErrorCode,
  isOrderStatus,
  type OrderMessage,
  type ProductsResponse,
  type PublicOpenAmount,
  type PublicOrderAnswer,
  type PublicProduct,
} from './contract';

/** A checked `CheckoutResponse`: the form to post to `action` (v1), or the page to navigate to (v2), as a full-page navigation. */
export type Checkout =
  | { readonly transId: string; readonly method: 'POST'; readonly action: string; readonly fields: Readonly<Record<string, string>> }
  | { readonly transId: string; readonly method: 'GET'; readonly action: string };

/** The code and messages of our error body, `{"error":{"code","message","customerMessage"}}`. */
export interface DecodedError {
  readonly code: ApiErrorCode | CinetpayErrorCode;
  readonly message?: string;
  readonly customerMessage?: string;
}

/** `POST /api/checkout`: the form to post and where to post it, or the page to go to. */
export function decodeCheckout(body: unknown): Checkout | undefined {
  if (!isRecord(body)) return undefined;
  const { transId, action, method } = body;
  if (typeof transId !== 'string' || typeof action !== 'string') return undefined;
  // A GET carries no fields: anything beside the page's URL would be a sign the answer is not ours.
  if (method === 'GET') return body['fields'] === undefined ? { transId, method, action } : undefined;
  if (method !== 'POST' || !isRecord(body['fields'])) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body['fields'])) {
    if (typeof value !== 'string') return undefined;
    fields[name] = value;
  }
  return { transId, method, action, fields };
}

function isCurrency(value: unknown): value is Currency {
  return CURRENCIES.some((currency) => currency === value);
}

function decodeProduct(value: unknown): PublicProduct | undefined {
  if (!isRecord(value)) return undefined;
  const { id, amount, currency, designation } = value;
  if (typeof id !== 'string' || typeof amount !== 'number' || typeof designation !== 'string' || !isCurrency(currency)) return undefined;
  return { id, amount, currency, designation };
}

function decodeOpenAmount(value: unknown): PublicOpenAmount | undefined {
  if (!isRecord(value)) return undefined;
  const { min, max, label, designations } = value;
  if (typeof min !== 'number' || typeof max !== 'number' || typeof label !== 'string') return undefined;
  if (designations === undefined) return { min, max, label };
  if (!Array.isArray(designations) || !designations.every((designation) => typeof designation === 'string')) return undefined;
  return { min, max, label, designations };
}

/** The price of one product of a `GET /api/products` answer: all the button needs of it. */
export function decodeProductPrice(body: unknown, id: string): Pick<PublicProduct, 'amount' | 'currency'> | undefined {
  const product = (isRecord(body) && Array.isArray(body['products']) ? body['products'] : []).map(decodeProduct).find((item) => item?.id === id);
  return product && { amount: product.amount, currency: product.currency };
}

/** The open amount's bounds of a `GET /api/products` answer, when the merchant accepts one: all an open-amount button needs of it. */
export function decodeOpenAmountBounds(body: unknown): Pick<PublicOpenAmount, 'min' | 'max'> | undefined {
  const open = isRecord(body) ? body['openAmount'] : undefined;
  return isRecord(open) && typeof open['min'] === 'number' && typeof open['max'] === 'number' ? { min: open['min'], max: open['max'] } : undefined;
}

/** `GET /api/products`: the catalog, whether checkout needs the payer's name and email, and the open amount when the merchant accepts one. */
export function decodeProducts(body: unknown): ProductsResponse | undefined {
  if (!isRecord(body) || !Array.isArray(body['products'])) return undefined;
  const customerRequired = body['customerRequired'];
  if (typeof customerRequired !== 'boolean') return undefined;
  const products: PublicProduct[] = [];
  for (const item of body['products']) {
    const product = decodeProduct(item);
    if (!product) return undefined;
    products.push(product);
  }
  if (body['openAmount'] === undefined) return { products, customerRequired };
  const openAmount = decodeOpenAmount(body['openAmount']);
  return openAmount ? { products, customerRequired, openAmount } : undefined;
}

function stringOrNull(value: unknown): string | null | undefined {
  return typeof value === 'string' || value === null ? value : undefined;
}

function decodeMessage(value: unknown): OrderMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { title, detail, reference } = value;
  return typeof title === 'string' && typeof detail === 'string' && typeof reference === 'string' ? { title, detail, reference } : undefined;
}

/** `GET /api/orders/:transId`; a missing `lang` reads as `fr`, a missing nullable field as `null`. */
export function decodeOrder(body: unknown): PublicOrderAnswer | undefined {
  if (!isRecord(body)) return undefined;
  const message = decodeMessage(body['message']);
  const { transId, status, amount, currency, designation } = body;
  const paidAt = stringOrNull(body['paidAt'] ?? null);
  const paymentMethod = stringOrNull(body['paymentMethod'] ?? null);
  const resultCode = stringOrNull(body['resultCode'] ?? null);
  const lang = body['lang'] === 'en' ? 'en' : 'fr';
  const { downloadUrl } = body;
  if (
    typeof transId !== 'string' ||
    !isOrderStatus(status) ||
    typeof amount !== 'number' ||
    !isCurrency(currency) ||
    typeof designation !== 'string' ||
    paidAt === undefined ||
    paymentMethod === undefined ||
    resultCode === undefined ||
    !message
  ) {
    return undefined;
  }
  // Only a web link may become the download button's href: never `javascript:` or `data:`, whatever answered.
  const download = typeof downloadUrl === 'string' && /^https?:\/\//.test(downloadUrl) ? { downloadUrl } : {};
  return { transId, status, amount, currency, designation, lang, paidAt, paymentMethod, resultCode, message, ...download };
}

/** Our error body, or `undefined` for anything else (a proxy's error page, a firewall's 429). */
export function decodeError(body: unknown): DecodedError | undefined {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : {};
  const { code, message, customerMessage } = error;
  // The set is open-ended (CinetPay's codes are carried through), so any well-formed code is kept as is.
  if (typeof code !== 'string' || !/^[A-Z0-9_]{1,80}$/.test(code)) return undefined;
  return {
    code: code as ApiErrorCode | CinetpayErrorCode,
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof customerMessage === 'string' ? { customerMessage } : {}),
  };
}
