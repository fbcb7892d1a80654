/**
 * Annexe I of the CinetPay v1 guide: every response code with its exact
 * message, the category our logic acts on, and the text a customer reads.
 * The guide's own spelling is kept on purpose (`ERROR_DOUBLE_PAYEMNT`).
 */

import type { Language } from './wire';

/**
 * What a code means for an order:
 * - `success`: paid (`00` only).
 * - `pending`: the customer has not finished; the order stays PENDING.
 * - `refused`: the payment failed or was cancelled; another attempt may follow.
 * - `merchant-configuration`: the merchant's account or credentials are wrong.
 * - `input`: a field of the request was rejected.
 * - `upstream`: CinetPay or an operator is unavailable; try again later.
 */
export type CodeCategory = 'success' | 'pending' | 'refused' | 'merchant-configuration' | 'input' | 'upstream';

export interface ResponseCodeInfo {
  readonly code: string;
  readonly message: string;
  readonly category: CodeCategory;
  readonly text: Readonly<Record<Language, string>>;
}

function entry(code: string, message: string, category: CodeCategory, fr: string, en: string): ResponseCodeInfo {
  return { code, message, category, text: { fr, en } };
}

const TRY_LATER_FR = 'Le service de paiement est momentanément indisponible. Réessayez dans quelques minutes.';
const TRY_LATER_EN = 'The payment service is temporarily unavailable. Please try again in a few minutes.';
const MERCHANT_FR = 'Ce marchand ne peut pas encaisser de paiement pour le moment. Contactez la boutique.';
const MERCHANT_EN = 'This merchant cannot take payments at the moment. Please contact the shop.';
const INPUT_FR = 'La demande de paiement est invalide. Contactez la boutique.';
const INPUT_EN = 'The payment request is invalid. Please contact the shop.';

const TABLE: readonly ResponseCodeInfo[] = [
  entry('00', 'SUCCES', 'success', 'Paiement confirmé.', 'Payment confirmed.'),
  entry('600', 'PAYMENT_FAILED', 'refused', 'Le paiement a échoué.', 'The payment failed.'),
  entry('601', 'MERCHANT_NOT_FOUND', 'merchant-configuration', MERCHANT_FR, MERCHANT_EN),
  entry('602', 'INSUFFICIENT_BALANCE', 'refused', 'Solde insuffisant sur votre compte mobile money.', 'Insufficient balance on your mobile-money account.'),
  entry('603', 'SERVICE_UNAVAILABLE', 'upstream', TRY_LATER_FR, TRY_LATER_EN),
  entry('604', 'OTP_CODE_ERROR', 'refused', 'Le code de confirmation (OTP) est incorrect.', 'The confirmation code (OTP) is incorrect.'),
  entry('605', 'TRANSACTION_CLOSED', 'refused', 'Cette transaction est clôturée.', 'This transaction is closed.'),
  entry('606', 'INCORRECT_SETTINGS', 'merchant-configuration', MERCHANT_FR, MERCHANT_EN),
  entry('607', 'PENDING', 'pending', 'Paiement en cours de traitement.', 'Payment is being processed.'),
  entry('608', 'MINIMUM_REQUIRED_FIELDS', 'input', INPUT_FR, INPUT_EN),
  entry('609', 'AUTH_NOT_FOUND', 'merchant-configuration', MERCHANT_FR, MERCHANT_EN),
  entry('610', 'ERROR_PAYMETHOD_NOTFOUND', 'merchant-configuration', 'Ce moyen de paiement n’est pas disponible.', 'This payment method is not available.'),
  entry('611', 'ERROR_AMOUNT_TYPE', 'input', 'Le montant est invalide.', 'The amount is invalid.'),
  entry('612', 'ERROR_CURRENCY_NOTVALID', 'input', 'La devise n’est pas acceptée.', 'The currency is not accepted.'),
  entry('613', 'ERROR_SITE_ID_NOTVALID', 'merchant-configuration', MERCHANT_FR, MERCHANT_EN),
  entry('614', 'ERROR_FORMAT_TRANSACTION_DATE', 'input', INPUT_FR, INPUT_EN),
  entry('615', 'ERROR_LANGUAGE_NOTVALID', 'input', INPUT_FR, INPUT_EN),
  entry('616', 'ERROR_PAGE_ACTION_NOTVALID', 'input', INPUT_FR, INPUT_EN),
  entry('617', 'ERROR_PAYMENT_CONFIG_NOTVALID', 'input', INPUT_FR, INPUT_EN),
  entry('618', 'ERROR_API_VERSION_NOTVALID', 'input', INPUT_FR, INPUT_EN),
  entry(
    '619',
    'ERROR_SIGNATURE_DONT_MATCHED',
    'input',
    'La demande de paiement a été modifiée. Recommencez depuis la boutique.',
    'The payment request was altered. Please start again from the shop.',
  ),
  entry('620', 'ERROR_DOUBLE_PAYEMNT', 'input', 'Ce paiement a déjà été effectué.', 'This payment has already been made.'),
  entry('621', 'ERROR_OMPAY_UNAVAILABLE', 'upstream', 'Orange Money est momentanément indisponible.', 'Orange Money is temporarily unavailable.'),
  entry('622', 'ERROR_MOMOPAY_UNAVAILABLE', 'upstream', 'MTN Mobile Money est momentanément indisponible.', 'MTN Mobile Money is temporarily unavailable.'),
  entry('623', 'WAITING_CUSTOMER_TO_VALIDATE', 'pending', 'Validez le paiement sur votre téléphone.', 'Please confirm the payment on your phone.'),
  entry('624', 'UNKNOWN_ERROR', 'upstream', TRY_LATER_FR, TRY_LATER_EN),
  entry('625', 'ABONNEMENT_OR_TRANSACTIONS_EXPIRED', 'merchant-configuration', MERCHANT_FR, MERCHANT_EN),
  entry(
    '626',
    'ERROR_FLOOZPAY_UNAVAILABLE',
    'upstream',
    'Moov Money (Flooz) est momentanément indisponible.',
    'Moov Money (Flooz) is temporarily unavailable.',
  ),
  entry('627', 'TRANSACTION_CANCEL', 'refused', 'Paiement annulé.', 'Payment cancelled.'),
  entry('628', 'ERROR_AMOUNT_FORMAT', 'input', 'Le montant est invalide.', 'The amount is invalid.'),
  entry('635', 'ERROR_PHONE_NUMBER_NOT_FOUND', 'refused', 'Ce numéro de téléphone est introuvable.', 'This phone number was not found.'),
  entry('636', 'ERROR_PHONE_NUMBER_NOT_SUPPORTED', 'refused', 'Ce numéro de téléphone n’est pas pris en charge.', 'This phone number is not supported.'),
  entry('638', 'SECURE_PAYMENT_WAITING_CONFIRMATION', 'pending', 'Paiement sécurisé en attente de confirmation.', 'Secure payment awaiting confirmation.'),
  entry('640', 'ERROR_YUP_UNAVAILABLE', 'upstream', 'YUP est momentanément indisponible.', 'YUP is temporarily unavailable.'),
  entry('641', 'ERROR_AMOUNT_TOO_LOW', 'input', 'Le montant minimum est de 5 F CFA.', 'The minimum amount is 5 F CFA.'),
];

/** Every Annexe I code, keyed by its code string (`"00"`, `"600"`, ...). */
export const RESPONSE_CODES: ReadonlyMap<string, ResponseCodeInfo> = new Map(TABLE.map((info) => [info.code, info]));

/** The code `00`, the only one that means paid. */
export const SUCCESS_CODE = '00';

/** Looks up a code; `undefined` for a code Annexe I does not list. */
export function responseCode(code: string): ResponseCodeInfo | undefined {
  return RESPONSE_CODES.get(code);
}

/** The category of a code; a code the guide does not list counts as `upstream`, never as success. */
export function codeCategory(code: string): CodeCategory {
  return RESPONSE_CODES.get(code)?.category ?? 'upstream';
}

/** The code whose message is `message` (`"AUTH_NOT_FOUND"` -> 609), for services that send only the message. */
export function codeForMessage(message: string): ResponseCodeInfo | undefined {
  return TABLE.find((info) => info.message === message);
}
