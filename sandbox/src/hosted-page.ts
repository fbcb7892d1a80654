/**
 * The hosted payment page, what https://secure.cinetpay.com is in
 * production: `POST /` takes the merchant's form, checks it (mandatory
 * fields, credentials, each value, then the signature issued for exactly
 * these values: 619; a finished trans id: 620) and shows the page; `POST
 * /pay` is one of the page's buttons: it applies the outcome, notifies
 * `notify_url`, then sends the browser back as `cpm_return_mode` says (GET:
 * 303 with the notification fields in the query; POST: an auto-submitting
 * form; NONE or absent: 303 without parameters), or to `cancel_url` after a
 * cancel.
 */

import type { Language } from '../../shared/cinetpay/wire';
import { sandboxConfig } from './config';
import { errorPage, paymentPage, resultPage, returnPostPage } from './hosted-page-html';
import { htmlResponse } from './html';
import { readLenientForm } from './lenient-form';
import { isFinished, outcomeVerdict, PAGE_CHOICES } from './outcomes';
import { checkPaymentForm, pageLanguage } from './payment-fields';
import type { Resolution } from './sandbox-state';
import type { SandboxStub } from './sandbox-stub';

/** HTTP status of an error page: credentials 403, double payment 409, unknown transaction 404, anything else 400. */
function errorStatus(code: string): number {
  switch (code) {
    case '609':
    case '613':
      return 403;
    case '620':
      return 409;
    case '624':
      return 404;
    default:
      return 400;
  }
}

function errorResponse(code: string, lang: Language, detail: string, backUrl: string | null = null): Response {
  return htmlResponse(errorPage(code, lang, detail, backUrl), errorStatus(code));
}

/** Where "back to the shop" may point on an error page: the form's cancel or return URL, if it is http(s). */
function backUrlOf(fields: Readonly<Record<string, string>>): string | null {
  for (const name of ['cancel_url', 'return_url']) {
    try {
      const url = new URL(fields[name] ?? '');
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return null;
}

/** `POST /`: the merchant's payment form. */
export async function handleHostedPage(request: Request, env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const form = await readLenientForm(request);
  if (!form.ok) return errorResponse('608', 'fr', `The form body could not be read (${form.error.code} ${form.error.field})`);
  const lang = pageLanguage(form.value);
  const config = sandboxConfig(env);
  const checked = checkPaymentForm(form.value, config);
  if (!checked.ok) return errorResponse(checked.error.code, lang, checked.error.detail, backUrlOf(form.value));
  const opened = await state.openPayment(checked.value);
  if (!opened.ok) {
    return opened.error === 'DOUBLE_PAYMENT'
      ? errorResponse('620', lang, `The transaction ${checked.value.signed.cpm_trans_id} is already finished`, backUrlOf(form.value))
      : errorResponse(
          '619',
          lang,
          'signature is not the one getSignatureByPost issued for exactly these values (amount, currency, trans id, date, designation, custom, phone...)',
          backUrlOf(form.value),
        );
  }
  const signed = checked.value.signed;
  return htmlResponse(
    paymentPage({
      lang,
      siteName: lang === 'en' ? config.siteNameEn : config.siteName,
      siteId: config.siteId,
      transId: signed.cpm_trans_id,
      designation: signed.cpm_designation,
      amount: signed.cpm_amount,
      lockedPhone: signed.cel_phone_num === '' ? null : { prefix: signed.cpm_phone_prefix, number: signed.cel_phone_num },
    }),
  );
}

/** `GET /v2/pay/:token`: the page a checkout v2 `payment_url` opens; the same page, buttons and outcomes as v1's. */
export async function handleV2PaymentPage(token: string, env: SandboxEnv, state: SandboxStub): Promise<Response> {
  const tx = await state.v2Payment(token);
  if (!tx) return errorResponse('624', 'fr', 'No checkout v2 payment has this payment token');
  const signed = tx.signedFields;
  const lang: Language = signed.cpm_language === 'en' ? 'en' : 'fr';
  if (isFinished(tx.state)) {
    return errorResponse('620', lang, `The transaction ${tx.transId} is already finished`, tx.returnUrl);
  }
  const config = sandboxConfig(env);
  return htmlResponse(
    paymentPage({
      lang,
      siteName: config.siteName,
      siteId: config.siteId,
      transId: tx.transId,
      designation: signed.cpm_designation,
      amount: signed.cpm_amount,
      lockedPhone: signed.cel_phone_num === '' ? null : { prefix: signed.cpm_phone_prefix, number: signed.cel_phone_num },
    }),
  );
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

/** Sends the customer back to the merchant after an outcome, as the form asked. */
export function returnToMerchant(resolution: Resolution, lang: Language): Response {
  const { form, notification } = resolution;
  const outcome = resolution.transaction.outcome;
  if (outcome === 'cancel' && form.cancelUrl !== null) return seeOther(form.cancelUrl);
  // The 2026 API sends every outcome but a success to failed_url (kept as the cancel URL).
  if (form.api === '2026' && outcome !== 'success' && outcome !== 'pending' && form.cancelUrl !== null) return seeOther(form.cancelUrl);
  if (form.returnUrl === null) return htmlResponse(resultPage(outcome === null ? '607' : outcomeVerdict(outcome).code, lang));
  // v2 sends back the transaction id and the payment token only; v1 the notification's fields.
  const fields: Readonly<Record<string, string>> =
    form.api === 'v2' ? { transaction_id: resolution.transaction.transId, token: form.signature } : { ...notification };
  switch (form.returnMode) {
    case 'GET': {
      const url = new URL(form.returnUrl);
      for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
      return seeOther(url.href);
    }
    case 'POST':
      return htmlResponse(returnPostPage(form.returnUrl, fields, lang));
    case 'NONE':
    case null:
      return seeOther(form.returnUrl);
  }
}

/** `POST /pay` (`trans_id`, `choice` = a button's data-outcome, `lang`): a button of the hosted page. */
export async function handlePay(request: Request, state: SandboxStub): Promise<Response> {
  const form = await readLenientForm(request);
  const fields = form.ok ? form.value : {};
  const lang: Language = fields['lang'] === 'en' ? 'en' : 'fr';
  const choice = PAGE_CHOICES.find((known) => known.id === fields['choice']);
  const transId = fields['trans_id'] ?? '';
  if (choice === undefined || transId === '')
    return errorResponse('608', lang, "POST /pay needs trans_id and choice (one of the buttons' data-outcome values)");
  const resolved = await state.resolve({ transId, outcome: choice.outcome, method: choice.method, copies: 1, source: 'page' });
  if (!resolved.ok) {
    return resolved.error === 'FINISHED'
      ? errorResponse('620', lang, `The transaction ${transId} is already finished`)
      : errorResponse('624', lang, `No payment form was posted for the transaction ${transId}`);
  }
  return returnToMerchant(resolved.value, lang);
}
