/**
 * Customer-facing text of every error the Worker answers, French first
 * (CinetPay's market) and English: ours, and CinetPay's through Annexe I.
 * Each error answer carries it as `error.customerMessage`, in the language
 * the request asked for, so that the widget ships no table of its own. A
 * developer-facing message never reaches a customer; this table does.
 */

import type { ApiErrorCode } from '../../shared/api/contract';
import { responseCode } from '../../shared/cinetpay/response-codes';
import type { Language } from '../../shared/cinetpay/wire';

type Texts = Readonly<Record<Language, string>>;

const INVALID_REQUEST: Texts = {
  fr: 'La demande de paiement est invalide. Contactez la boutique.',
  en: 'The payment request is invalid. Please contact the shop.',
};
const UNAVAILABLE: Texts = {
  fr: 'Le paiement est momentanément indisponible. Réessayez dans quelques instants.',
  en: 'Payment is temporarily unavailable. Please try again in a moment.',
};

const SPECIFIC: Partial<Record<ApiErrorCode, Texts>> = {
  AMOUNT_TOO_LOW: { fr: 'Le montant minimum est de 5 F CFA.', en: 'The minimum amount is 5 F CFA.' },
  AMOUNT_TOO_HIGH: { fr: 'Ce montant est trop élevé.', en: 'This amount is too high.' },
  INVALID_AMOUNT: { fr: 'Le montant doit être un nombre entier de francs CFA.', en: 'The amount must be a whole number of CFA francs.' },
  AMOUNT_OUT_OF_BOUNDS: { fr: 'Ce montant n’est pas accepté par la boutique.', en: 'The shop does not accept this amount.' },
  INVALID_PHONE: { fr: 'Le numéro de téléphone est invalide.', en: 'The phone number is invalid.' },
  INVALID_PHONE_PREFIX: { fr: 'L’indicatif téléphonique est invalide.', en: 'The country calling code is invalid.' },
  INVALID_CUSTOMER: { fr: 'Indiquez vos nom, prénom et adresse e-mail.', en: 'Please give your first name, last name and email address.' },
  INVALID_DESIGNATION: { fr: 'Le libellé de l’achat est invalide.', en: 'The purchase description is invalid.' },
  UNKNOWN_PRODUCT: { fr: 'Ce produit n’est plus disponible.', en: 'This product is no longer available.' },
  ORDER_NOT_FOUND: { fr: 'Commande introuvable.', en: 'Order not found.' },
  RATE_LIMITED: { fr: 'Trop de tentatives. Patientez une minute puis réessayez.', en: 'Too many attempts. Please wait a minute and try again.' },
  NETWORK_ERROR: {
    fr: 'Impossible de joindre le service de paiement. Vérifiez votre connexion et réessayez.',
    en: 'The payment service could not be reached. Check your connection and try again.',
  },
  UPSTREAM_TIMEOUT: UNAVAILABLE,
  UPSTREAM_UNAVAILABLE: UNAVAILABLE,
  UPSTREAM_UNPARSEABLE: UNAVAILABLE,
  INTERNAL_ERROR: UNAVAILABLE,
  FORBIDDEN_ORIGIN: {
    fr: 'Le paiement n’est pas disponible sur ce site.',
    en: 'Payment is not available on this site.',
  },
  CONFIGURATION_ERROR: {
    fr: 'Cette boutique ne peut pas encaisser de paiement pour le moment. Contactez-la.',
    en: 'This shop cannot take payments at the moment. Please contact it.',
  },
};

/**
 * The text a customer reads for an error code, in their language. A
 * `CINETPAY_<code>_...` code reads as Annexe I says; an unknown code gets the
 * generic "invalid request" text, never nothing.
 */
export function customerMessage(code: string, lang: Language): string {
  const cinetpay = /^CINETPAY_(\d{2,3})(?:_|$)/.exec(code);
  if (cinetpay?.[1] !== undefined) {
    const info = responseCode(cinetpay[1]);
    if (info) return info.text[lang];
  }
  // Own keys only: a code such as `constructor` must not find Object.prototype's member.
  const texts = (Object.hasOwn(SPECIFIC, code) ? (SPECIFIC as Partial<Record<string, Texts>>)[code] : undefined) ?? INVALID_REQUEST;
  return texts[lang];
}
