/**
 * CinetPay's checkout API v2 behind the `PaymentProvider` interface. A
 * payment is created server-side (the apikey never reaches the browser) and
 * the customer is sent to its `payment_url` by a plain navigation. A
 * verification is `payment/check` alone: paid only if its status is
 * ACCEPTED with code 00, the amount equals the stored amount and the currency
 * is the order's. The check is made with our apikey and site id, so its
 * answer is about our site by construction (it carries no site id to
 * compare); a notification's own `cpm_site_id` is checked by the notify route.
 * v2 has no transaction history and no balance: those calls answer
 * `unsupported`.
 */

import { V2_DESCRIPTION_FORBIDDEN, type V2CheckAnswer, type V2Currency } from '../../shared/cinetpay/v2-wire';
import { parseWireAmount } from '../../shared/cinetpay/validate';
import type { BalanceResponse, Currency, HistoryFilters, TransactionRecord } from '../../shared/cinetpay/wire';
import { err, ok } from '../../shared/result';
import type { CfaZone } from './cfa-zone';
import { CinetpayV2Client } from './cinetpay-v2-client';
import type { Config } from './config';
import type { ExpectedPayment, PaymentProvider, PaymentRequest, ProviderResult, StartedPayment, Verdict } from './payment-provider';

const SUCCESS_CODE = '00';
const CANCELLED_CODE = '627';

/** What v2 calls our currencies: the catalog's franc CFA is the one of the account's zone (cfa-zone.ts). */
export function v2Currency(currency: Currency, zone: CfaZone): V2Currency {
  const names: Readonly<Record<Currency, V2Currency>> = { CFA: zone };
  return names[currency];
}

/** v2 refuses `# / $ _ &` in a description; each becomes a space on the wire (the order keeps its designation as written). */
export function v2Description(designation: string): string {
  return designation.replace(new RegExp(V2_DESCRIPTION_FORBIDDEN.source, 'g'), ' ');
}

/** Judges a `payment/check` answer against the order; the answer is trusted, the notification never is. */
export function judgeV2(answer: V2CheckAnswer, expected: ExpectedPayment, zone: CfaZone): Verdict {
  const { code } = answer;
  const { status, amount, currency } = answer.data;
  if (status === 'ACCEPTED' && code === SUCCESS_CODE) {
    const paid = parseWireAmount(amount.replace(/\.0+$/, ''));
    if (!paid.ok || paid.value !== expected.amount) return { kind: 'mismatch', code, reason: 'AMOUNT_MISMATCH' };
    if (currency !== v2Currency(expected.currency, zone)) return { kind: 'mismatch', code, reason: 'CURRENCY_MISMATCH' };
    return { kind: 'paid', code, paymentMethod: answer.data.payment_method, payId: answer.data.operator_id ?? '', payerPhone: null };
  }
  if (status === 'REFUSED') return code === CANCELLED_CODE ? { kind: 'cancelled', code } : { kind: 'refused', code };
  // WAITING_FOR_CUSTOMER, PENDING, and any status v2 may add (or ACCEPTED with an odd code): nothing is decided yet.
  return { kind: 'pending', code };
}

export class CinetpayV2 implements PaymentProvider {
  readonly #client: CinetpayV2Client;
  readonly #zone: CfaZone;

  constructor(config: Config) {
    this.#client = new CinetpayV2Client({ baseUrl: config.v2ApiUrl, apikey: config.apikey, siteId: config.siteId, timeoutMs: config.timeoutMs });
    this.#zone = config.cfaZone;
  }

  async startPayment(request: PaymentRequest): Promise<ProviderResult<StartedPayment>> {
    const created = await this.#client.payment({
      transaction_id: request.transId,
      amount: request.amount,
      currency: v2Currency(request.currency, this.#zone),
      description: v2Description(request.designation),
      notify_url: request.notifyUrl,
      return_url: request.returnUrl,
      channels: 'ALL',
      lang: request.lang,
      ...(request.custom === '' ? {} : { metadata: request.custom }),
      ...(request.phone ? { lock_phone_number: true, customer_phone_number: `+${request.phone.prefix}${request.phone.number}` } : {}),
    });
    if (!created.ok) return created;
    const { paymentUrl, paymentToken } = created.value;
    // The browser navigates there: only a web page will do, never javascript: or data:.
    if (!/^https?:\/\//.test(paymentUrl) || !URL.canParse(paymentUrl))
      return err({ kind: 'unparseable', detail: 'payment: payment_url is not an http(s) URL' });
    return ok({ navigation: { method: 'GET', action: paymentUrl }, signature: paymentToken });
  }

  async verify(expected: ExpectedPayment): Promise<ProviderResult<Verdict>> {
    // An error answer (an unknown transaction included) is no verdict on the payment: the order stays as it is.
    const answer = await this.#client.check(expected.transId);
    return answer.ok ? ok(judgeV2(answer.value, expected, this.#zone)) : answer;
  }

  async balance(): Promise<ProviderResult<BalanceResponse>> {
    return err({ kind: 'unsupported', detail: "CinetPay's checkout API v2 has no balance call; see the CinetPay back office" });
  }

  async transactions(_filters: HistoryFilters): Promise<ProviderResult<readonly TransactionRecord[]>> {
    return err({
      kind: 'unsupported',
      detail: "CinetPay's checkout API v2 has no transaction history (v1's getTransHistory); see the CinetPay back office",
    });
  }
}
