/**
 * `GET /receipt/:transId[?lang=fr|en]`: the customer's printable receipt.
 * Its language is `?lang=` when given, else the language the customer paid
 * in (as the return pages do), else, for a lookup that found no order, the
 * browser's Accept-Language, else French. An order that is not ACCEPTED is
 * checked with CinetPay first (a verdict a few seconds old will do), since a
 * customer may open the receipt before the notification arrives.
 *
 * Statuses: 200 the receipt; 202 a payment still pending (the receipt will
 * come); 409 a payment refused or cancelled (there will be no receipt); 404
 * no such order; 400 a malformed transaction id; 429 too many lookups from
 * this client. Each is an HTML page that says so. A paid digital product's
 * receipt carries its download button while the link lasts.
 */

import type { OrderStatus } from '../../../shared/api/contract';
import { validateTransId } from '../../../shared/api/trans-id';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/cinetpay/wire';
import { supportedLanguage } from '../../../shared/format';
import { withDownload } from '../download-link';
import { orderStub } from '../order-object';
import { overLimit } from '../rate-limit';
import { downloadSection, noOrderPage, orderStandingPage, RECEIPT_CSS, receiptPage } from '../receipt-page';
import { type Reply, styledPage } from '../reply';
import type { RouteContext, RouteRequest } from '../route-context';

const STANDING_STATUS: Readonly<Record<Exclude<OrderStatus, 'ACCEPTED'>, number>> = { PENDING: 202, REFUSED: 409, CANCELLED: 409 };

/** The browser's preferred supported language, by `q`, or undefined. */
function acceptedLanguage(header: string | null): Language | undefined {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return { language: supportedLanguage(tag), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry): entry is { language: Language; q: number } => entry.language !== undefined && entry.q > 0);
  return ranked.sort((a, b) => b.q - a.q)[0]?.language;
}

export async function receipt(request: RouteRequest, { env, config }: RouteContext): Promise<Reply> {
  const asked = supportedLanguage(new URL(request.url).searchParams.get('lang'));
  const browserLang = asked ?? acceptedLanguage(request.headers.get('accept-language')) ?? DEFAULT_LANGUAGE;
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok) return styledPage(noOrderPage('INVALID_ID', browserLang), RECEIPT_CSS, 400);
  if (await overLimit(env.LOOKUP_LIMIT, request)) return styledPage(noOrderPage('RATE_LIMITED', browserLang), RECEIPT_CSS, 429);
  const stub = orderStub(env, transId.value);
  let order = await stub.receipt();
  if (order === null) return styledPage(noOrderPage('UNKNOWN', browserLang), RECEIPT_CSS, 404);
  if (order.status !== 'ACCEPTED') {
    const checked = await stub.verify('receipt');
    if (checked.ok) order = (await stub.receipt()) ?? order;
  }
  const lang = asked ?? order.lang;
  if (order.status !== 'ACCEPTED') {
    return styledPage(orderStandingPage(order, order.status, config.merchantName, lang), RECEIPT_CSS, STANDING_STATUS[order.status]);
  }
  const delivery = await stub.forDelivery();
  const downloadUrl = delivery === null ? undefined : (await withDownload(delivery, config)).downloadUrl;
  const extra = downloadUrl === undefined ? undefined : downloadSection(downloadUrl, lang);
  return styledPage(receiptPage(order, config.merchantName, lang, extra), RECEIPT_CSS);
}
