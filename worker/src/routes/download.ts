/**
 * `GET /download/:transId?token=…`: digital delivery. Streams the file of a
 * paid order's product from the FILES bucket (R2), saved under the product's
 * file name. The steps, cheapest first, each with its own refusal page in the
 * customer's language and nothing served:
 *
 *   token missing, malformed or not ours for this order  403 DOWNLOAD_TOKEN_INVALID
 *   no such order, or its product has no file            404 ORDER_NOT_FOUND
 *   order not ACCEPTED (yet)                             409 ORDER_NOT_PAID
 *   token expired (DOWNLOAD_TTL after payment)           410 DOWNLOAD_EXPIRED
 *   DOWNLOAD_LIMIT downloads already served              429 DOWNLOAD_LIMIT_REACHED
 *   the object is missing from the bucket                503 FILE_UNAVAILABLE
 *
 * The token is checked before any storage is touched, so a forged link costs
 * no Durable Object; a download is counted by the order's object in the same
 * step that checks the limit, so concurrent downloads cannot pass it. A HEAD
 * passes the same steps and answers the file's headers without counting: a
 * download manager's or a link preview's probe must not spend the customer's
 * downloads.
 */

import { validateTransId } from '../../../shared/api/trans-id';
import type { Language } from '../../../shared/cinetpay/wire';
import { type ApiError, apiError } from '../api-error';
import { CUSTOMER_TEXTS, pageLanguage } from '../customer-texts';
import { orderFile } from '../download-link';
import { verifyDownloadToken } from '../download-token';
import { logEvent } from '../log-event';
import { orderStub } from '../order-object';
import { messagePage } from '../pay-pages';
import { overLimit } from '../rate-limit';
import { customerPage, type Reply, stream } from '../reply';
import type { RouteContext, RouteRequest } from '../route-context';

async function refused(error: ApiError, lang: Language, limit: number): Promise<Reply> {
  const texts = CUSTOMER_TEXTS[lang];
  const messages: Readonly<Record<string, string>> = {
    DOWNLOAD_TOKEN_INVALID: texts.downloadForged,
    ORDER_NOT_PAID: texts.downloadNotPaid,
    DOWNLOAD_EXPIRED: texts.downloadExpired,
    DOWNLOAD_LIMIT_REACHED: texts.downloadLimit(limit),
    FILE_UNAVAILABLE: texts.downloadMissing,
    RATE_LIMITED: texts.tooMany,
  };
  const page = await messagePage(lang, texts.downloadRefusedTitle, messages[error.code] ?? texts.downloadNotFound);
  return customerPage(page.html, error.status, page.policy);
}

export async function download(request: RouteRequest, { env, config }: RouteContext): Promise<Reply> {
  const url = new URL(request.url);
  let lang = pageLanguage(url.searchParams.get('lang'));
  const { limit, secret } = config.downloads;
  const transId = validateTransId(request.params['transId'], 'transId');
  if (!transId.ok || secret === '') return refused(apiError('ORDER_NOT_FOUND', 'No such order'), lang, limit);
  if (await overLimit(env.LOOKUP_LIMIT, request)) return refused(apiError('RATE_LIMITED', 'Too many requests'), lang, limit);
  const token = await verifyDownloadToken(secret, transId.value, url.searchParams.get('token') ?? '');
  if (!token.ok && token.error !== 'expired') return refused(apiError('DOWNLOAD_TOKEN_INVALID', 'Invalid token'), lang, limit);

  const stub = orderStub(env, transId.value);
  const delivery = await stub.forDelivery();
  const file = delivery ? orderFile(delivery, config) : null;
  if (!delivery || !file) return refused(apiError('ORDER_NOT_FOUND', 'No such order'), lang, limit);
  lang = url.searchParams.has('lang') ? lang : delivery.order.lang;
  if (delivery.order.status !== 'ACCEPTED') return refused(apiError('ORDER_NOT_PAID', 'Not paid'), lang, limit);
  if (!token.ok) return refused(apiError('DOWNLOAD_EXPIRED', 'Expired'), lang, limit);
  if (delivery.downloads >= limit) return refused(apiError('DOWNLOAD_LIMIT_REACHED', 'Limit reached'), lang, limit);

  const missing = (): Promise<Reply> => {
    logEvent(
      'download_file_missing',
      { transId: transId.value, key: file.key, detail: 'the FILES bucket has no such object; upload it with wrangler r2 object put' },
      'error',
    );
    return refused(apiError('FILE_UNAVAILABLE', 'File missing'), lang, limit);
  };
  if (request.method === 'HEAD') {
    const head = await env.FILES.head(file.key);
    if (!head) return missing();
    // The router sends a HEAD's headers without its body; nothing is read from the bucket, nothing is counted.
    return stream(new Blob([]).stream(), head.httpMetadata?.contentType ?? 'application/octet-stream', file.filename, head.size);
  }
  const object = await env.FILES.get(file.key);
  if (!object) return missing();
  const claimed = await stub.claimDownload(limit);
  if (!claimed.ok) {
    await object.body.cancel();
    const error = claimed.error === 'limit' ? apiError('DOWNLOAD_LIMIT_REACHED', 'Limit reached') : apiError('ORDER_NOT_PAID', 'Not paid');
    return refused(error, lang, limit);
  }
  logEvent('download', { transId: transId.value, count: claimed.value });
  return stream(object.body, object.httpMetadata?.contentType ?? 'application/octet-stream', file.filename, object.size);
}
