/**
 * The elements' own words, in French and English: button labels and the
 * return page's messages. Error texts are not here: they come from
 * `widget/src/messages.ts`, keyed by the same codes the Worker answers, plus the
 * two codes only the widget produces.
 */

import type { Language } from '../../shared/cinetpay/wire';
import type { ErrorCode } from './api';
import { customerMessage } from './messages';

interface ButtonTexts {
  /** The label when the price is known: `Payer 5 000 F CFA`. */
  readonly payPrice: (price: string) => string;
  /** The label before the price is known, or when it cannot be. */
  readonly pay: string;
  /** Announced to screen readers while the payment starts. */
  readonly loading: string;
  /** Under the button when its open amount is not one the shop accepts: `Choisissez un montant de 100 à 1 000 000 F CFA.` */
  readonly amountRange: (min: string, max: string) => string;
}

export const BUTTON_TEXTS: Readonly<Record<Language, ButtonTexts>> = {
  fr: {
    payPrice: (price) => `Payer ${price}`,
    pay: 'Payer par Mobile Money',
    loading: 'Connexion sécurisée à la page de paiement…',
    amountRange: (min, max) => `Choisissez un montant entier de ${min} à ${max}.`,
  },
  en: {
    payPrice: (price) => `Pay ${price}`,
    pay: 'Pay with mobile money',
    loading: 'Connecting securely to the payment page…',
    amountRange: (min, max) => `Choose a whole amount from ${min} to ${max}.`,
  },
};

interface StatusTexts {
  readonly checking: string;
  readonly accepted: string;
  readonly acceptedDetail: string;
  readonly reference: (transId: string) => string;
  /** The button of a paid order's file (digital delivery). */
  readonly download: string;
  readonly pending: string;
  readonly pendingDetail: string;
  readonly refused: string;
  readonly refusedDetail: string;
  readonly cancelled: string;
  readonly cancelledDetail: string;
  readonly notFound: string;
  readonly notFoundDetail: string;
  readonly unreachable: string;
  readonly unreachableDetail: string;
}

export const STATUS_TEXTS: Readonly<Record<Language, StatusTexts>> = {
  fr: {
    checking: 'Vérification du paiement…',
    accepted: 'Paiement confirmé',
    acceptedDetail: 'Merci ! Votre paiement a été vérifié auprès de CinetPay.',
    reference: (transId) => `Référence : ${transId}`,
    download: 'Télécharger',
    pending: 'Paiement en attente de confirmation',
    pendingDetail: 'Si ce n’est pas déjà fait, validez le paiement sur votre téléphone. Cette page se met à jour toute seule.',
    refused: 'Paiement refusé',
    refusedDetail: 'Le paiement n’a pas abouti. Vous pouvez réessayer depuis la boutique.',
    cancelled: 'Paiement annulé',
    cancelledDetail: 'Vous avez annulé le paiement. Vous pouvez reprendre vos achats quand vous le souhaitez.',
    notFound: 'Commande introuvable',
    notFoundDetail: 'Vérifiez le lien ou contactez la boutique.',
    unreachable: 'Vérification momentanément impossible',
    unreachableDetail: 'Le service de paiement ne répond pas. Nous réessayons automatiquement.',
  },
  en: {
    checking: 'Checking your payment…',
    accepted: 'Payment confirmed',
    acceptedDetail: 'Thank you! Your payment was verified with CinetPay.',
    reference: (transId) => `Reference: ${transId}`,
    download: 'Download',
    pending: 'Payment awaiting confirmation',
    pendingDetail: 'If you have not done so yet, confirm the payment on your phone. This page updates by itself.',
    refused: 'Payment refused',
    refusedDetail: 'The payment did not go through. You can try again from the shop.',
    cancelled: 'Payment cancelled',
    cancelledDetail: 'You cancelled the payment. You can resume shopping whenever you like.',
    notFound: 'Order not found',
    notFoundDetail: 'Check the link or contact the shop.',
    unreachable: 'Cannot check the payment right now',
    unreachableDetail: 'The payment service is not answering. We keep trying automatically.',
  },
};

const WIDGET_ERRORS: Readonly<Record<'INVALID_RESPONSE' | 'FORM_ACTION_BLOCKED', Readonly<Record<Language, string>>>> = {
  INVALID_RESPONSE: {
    fr: 'Le paiement est momentanément indisponible. Réessayez dans quelques instants.',
    en: 'Payment is temporarily unavailable. Please try again in a moment.',
  },
  FORM_ACTION_BLOCKED: {
    fr: 'Cette page ne peut pas ouvrir la page de paiement. Contactez la boutique.',
    en: 'This page cannot open the payment page. Please contact the shop.',
  },
};

/** The text a customer reads for an error code. */
export function errorText(code: ErrorCode, lang: Language): string {
  return code === 'INVALID_RESPONSE' || code === 'FORM_ACTION_BLOCKED' ? WIDGET_ERRORS[code][lang] : customerMessage(code, lang);
}
