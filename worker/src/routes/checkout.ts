/**
 * `POST /api/checkout`: turns a customer's click into a CinetPay payment.
 * The Worker decides the price (from the catalog, or an open amount within
 * the merchant's bounds), makes the transaction id and date, starts the
 * payment with the configured CinetPay API while the order's object opens
 * the PENDING order (so the object's start and first write overlap the
 * upstream call), stores what CinetPay answered (v1's signature, v2's
 * payment token) with that API's name, and answers how the widget reaches
 * the payment page: v1's form to post (`method: "POST"`, `fields`), or v2's
 * `payment_url` to navigate to (`method: "GET"`, no fields, nothing secret).
 * If CinetPay refuses, the opened order is discarded. The 2026 API answers
 * like v2, and its notify token is signed into the order with the payment.
 * The 2026 API also needs the customer's name and email (customer.ts).
 * Payment links (`/pay`) start their orders through the same `startCheckout`.
 */

import type { CheckoutRequest, CheckoutResponse } from '../../../shared/api/contract';
import {
  type FieldError,
  validateAmount,
  validateCustom,
  validateDesignation,
  validateLanguage,
  validatePhone,
  validatePhonePrefix,
} from '../../../shared/cinetpay/validate';
import { type Currency, DEFAULT_LANGUAGE, type Language } from '../../../shared/cinetpay/wire';
import { err, ok, type Result } from '../../../shared/result';
import { type ApiError, apiError, providerFailure } from '../api-error';
import { type Config, type OpenAmount, type ProductFile, V2_AMOUNT_STEP } from '../config';
import { originAllowed } from '../cors';
import { CUSTOMER_FIELDS, customerRequired, readCustomer } from '../customer';
import { logEvent } from '../log-event';
import { orderStub } from '../order-object';
import type { OrderKind } from '../order-record';
import type { PaymentRequest } from '../payment-provider';
import { paymentProvider } from '../payment-providers';
import { overLimit } from '../rate-limit';
import { failure, json, type Reply } from '../reply';
import { readJsonObject } from '../request-body';
import type { RouteContext } from '../route-context';
import { newTransId } from '../trans-id';

const MAX_BODY_BYTES = 4096;
const FIELDS: readonly (keyof CheckoutRequest)[] = ['product', 'amount', 'designation', 'lang', 'custom', 'phone', 'phonePrefix', ...CUSTOMER_FIELDS];

interface Priced {
  readonly kind: OrderKind;
  readonly productId: string | null;
  readonly amount: number;
  readonly currency: Currency;
  readonly designation: string;
  /** The catalog's English designation, when it has one. */
  readonly designationEn: string | null;
  /** The product's file, kept with the order: the catalog may drop the product before the customer downloads it. */
  readonly file: ProductFile | null;
}

function fieldError(error: FieldError): ApiError {
  return apiError(error.code, error.message);
}

/** The price comes from the catalog, or from the client only within the open-amount bounds. */
function price(body: Readonly<Record<string, unknown>>, config: Config): Result<Priced, ApiError> {
  if (body['product'] !== undefined) {
    if (body['amount'] !== undefined) {
      return err(apiError('AMOUNT_NOT_ALLOWED', 'A catalog product has its own price; do not send an amount with it'));
    }
    const product = typeof body['product'] === 'string' ? config.catalog.get(body['product']) : undefined;
    if (!product) return err(apiError('UNKNOWN_PRODUCT', 'No product with this id is on sale; see GET /api/products'));
    return ok({
      kind: 'product',
      productId: product.id,
      amount: product.amount,
      currency: product.currency,
      designation: product.designation,
      designationEn: product.designationEn,
      file: product.file,
    });
  }
  if (body['amount'] === undefined) return err(apiError('MISSING_FIELD', 'Send "product", or "amount" and "designation"'));
  if (!config.openAmount) return err(apiError('OPEN_AMOUNT_DISABLED', 'This shop sells catalog products only; send "product"'));
  const amount = validateAmount(body['amount']);
  if (!amount.ok) return err(fieldError(amount.error));
  const { min, max } = config.openAmount;
  if (amount.value < min || amount.value > max) {
    return err(apiError('AMOUNT_OUT_OF_BOUNDS', `Invalid amount: expected an integer from ${min} to ${max}, got ${amount.value}`));
  }
  const designation = openDesignation(body['designation'], config.openAmount);
  if (!designation.ok) return designation;
  return ok({ kind: 'open', productId: null, amount: amount.value, currency: 'CFA', designation: designation.value, designationEn: null, file: null });
}

/** The merchant's label, then the customer's words (or one of the merchant's choices): a donation never reads like a product. */
function openDesignation(value: unknown, open: OpenAmount): Result<string, ApiError> {
  const chosen = validateDesignation(value);
  if (!chosen.ok) return err(fieldError(chosen.error));
  if (open.designations && !open.designations.includes(chosen.value)) {
    return err(apiError('INVALID_DESIGNATION', `Invalid designation: expected one of ${open.designations.map((item) => JSON.stringify(item)).join(', ')}`));
  }
  const labelled = validateDesignation(`${open.label}${chosen.value}`);
  return labelled.ok ? labelled : err(fieldError(labelled.error));
}

interface Extras {
  readonly lang: Language;
  readonly custom: string;
  readonly phone: PaymentRequest['phone'];
}

function extras(body: Readonly<Record<string, unknown>>): Result<Extras, ApiError> {
  const lang = body['lang'] === undefined ? ok(DEFAULT_LANGUAGE) : validateLanguage(body['lang']);
  if (!lang.ok) return err(fieldError(lang.error));
  const custom = body['custom'] === undefined ? ok('') : validateCustom(body['custom']);
  if (!custom.ok) return err(fieldError(custom.error));
  if (body['phone'] === undefined && body['phonePrefix'] === undefined) return ok({ lang: lang.value, custom: custom.value, phone: null });
  const phone = validatePhone(body['phone'], 'phone');
  if (!phone.ok) return err(fieldError(phone.error));
  const prefix = validatePhonePrefix(body['phonePrefix'], 'phonePrefix');
  if (!prefix.ok) return err(fieldError(prefix.error));
  return ok({ lang: lang.value, custom: custom.value, phone: { number: phone.value, prefix: prefix.value } });
}

/**
 * The one way an order starts, whoever asks: the widget's JSON
 * (`/api/checkout`) or a payment link's plain HTML form (`/pay`). `body`
 * holds the fields of `CheckoutRequest`, already read; the price comes from
 * the catalog or the open-amount bounds, never from the client. Validation
 * comes first, then the client's rate limit, then CinetPay: a refused
 * request costs nothing and stores nothing.
 */
export async function startCheckout(
  body: Readonly<Record<string, unknown>>,
  request: Request,
  { env, config }: RouteContext,
): Promise<Result<CheckoutResponse, ApiError>> {
  const priced = price(body, config);
  if (!priced.ok) return priced;
  const options = extras(body);
  if (!options.ok) return options;
  // v2 takes multiples of 5 only: say so here rather than pass on CinetPay's refusal.
  if (config.api === 'v2' && priced.value.amount % V2_AMOUNT_STEP !== 0) {
    return err(apiError('INVALID_AMOUNT', `Invalid amount: CinetPay v2 takes multiples of ${V2_AMOUNT_STEP}, got ${priced.value.amount}`));
  }
  const customer = readCustomer(body, customerRequired(config));
  if (!customer.ok) return err(customer.error);
  if (await overLimit(env.CHECKOUT_LIMIT, request)) return err(apiError('RATE_LIMITED', 'Too many checkouts from this client; wait a minute'));

  const origin = config.publicUrl;
  const createdAt = new Date();
  const transId = newTransId(createdAt);
  const paymentRequest: PaymentRequest = {
    transId,
    createdAt,
    amount: priced.value.amount,
    currency: priced.value.currency,
    // CinetPay shows it on its page and the return page reads it back: in the customer's language.
    designation: (options.value.lang === 'en' ? priced.value.designationEn : null) ?? priced.value.designation,
    ...options.value,
    customer: customer.value,
    notifyUrl: `${origin}/notify`,
    returnUrl: `${origin}/return?trans_id=${transId}`,
    cancelUrl: `${origin}/cancel?trans_id=${transId}`,
  };
  const stub = orderStub(env, transId);
  const [started, opened] = await Promise.all([
    paymentProvider(config).startPayment(paymentRequest),
    stub.open({
      transId,
      kind: priced.value.kind,
      productId: priced.value.productId,
      amount: paymentRequest.amount,
      currency: paymentRequest.currency,
      designation: paymentRequest.designation,
      custom: paymentRequest.custom,
      lang: paymentRequest.lang,
      phone: paymentRequest.phone?.number ?? null,
      phonePrefix: paymentRequest.phone?.prefix ?? null,
      siteId: config.siteId,
      api: config.api,
      createdAt: createdAt.toISOString(),
      file: priced.value.file,
    }),
  ]);
  if (!opened.ok) return err(apiError('INTERNAL_ERROR', 'A transaction id collided; try again'));
  if (!started.ok) {
    await stub.discard();
    logEvent('checkout_failed', { transId, detail: started.error.detail }, 'warn');
    return err(providerFailure(started.error, 'request'));
  }
  const stored = await stub.sign(started.value.signature, started.value.notifyToken ?? null);
  if (!stored.ok) return err(apiError('INTERNAL_ERROR', 'A transaction id collided; try again'));
  const { navigation } = started.value;
  return ok(
    navigation.method === 'POST'
      ? { transId, method: 'POST', action: navigation.action, fields: navigation.fields }
      : { transId, method: 'GET', action: navigation.action },
  );
}

export async function checkout(request: Request, context: RouteContext): Promise<Reply> {
  if (!originAllowed(request, context.config)) return failure(apiError('FORBIDDEN_ORIGIN', 'This origin is not in ALLOWED_ORIGINS'));
  const body = await readJsonObject(request, MAX_BODY_BYTES, FIELDS);
  if (!body.ok) return failure(body.error);
  const started = await startCheckout(body.value, request, context);
  return started.ok ? json(started.value) : failure(started.error);
}
