/**
 * The few words the elements ship, in French and English: the button's
 * labels, and what either element says when the Worker cannot tell it
 * (nothing answered, or the element found the problem before asking).
 * Every other customer text comes from the Worker in the language the
 * element asked for: an error's `customerMessage`, an order's `message`.
 */

import type { Language } from '../../shared/cinetpay/wire';

interface ButtonTexts {
  /** The label when the price is known: `Payer 5 000 F CFA`. */
  readonly payPrice: string;
  /** The label before the price is known, or when it cannot be. */
  readonly pay: string;
  /** Announced to screen readers while the payment starts. */
  readonly loading: string;
  /** Nothing answered: the customer's connection, or a Worker that refuses this page's origin (CORS). */
  readonly network: string;
  /** Something answered without a customer message: a proxy's error page. */
  readonly unavailable: string;
  /** The element's own attributes are wrong, or the page's policy blocks the payment page: only the shop can fix it. */
  readonly contactShop: string;
  /** Under the button when its open amount is not one the shop accepts: `Choisissez un montant de 100 à 1 000 000 F CFA.` */
  readonly amountRange: (min: string, max: string) => string;
}

export const BUTTON_TEXTS: Readonly<Record<Language, ButtonTexts>> = {
  fr: {
    payPrice: 'Payer ',
    pay: 'Payer par Mobile Money',
    loading: 'Connexion sécurisée à la page de paiement…',
    network: 'Impossible de joindre le service de paiement. Vérifiez votre connexion et réessayez.',
    unavailable: 'Le paiement est momentanément indisponible. Réessayez dans quelques instants.',
    contactShop: 'Cette page ne peut pas ouvrir la page de paiement. Contactez la boutique.',
    amountRange: (min, max) => `Choisissez un montant entier de ${min} à ${max}.`,
  },
  en: {
    payPrice: 'Pay ',
    pay: 'Pay with mobile money',
    loading: 'Connecting securely to the payment page…',
    network: 'The payment service could not be reached. Check your connection and try again.',
    unavailable: 'Payment is temporarily unavailable. Please try again in a moment.',
    contactShop: 'This page cannot open the payment page. Please contact the shop.',
    amountRange: (min, max) => `Choose a whole amount from ${min} to ${max}.`,
  },
};

interface StatusTexts {
  readonly checking: string;
  /** The link of a paid order's file (digital delivery). */
  readonly download: string;
  readonly notFound: string;
  readonly notFoundDetail: string;
  readonly unreachable: string;
  readonly unreachableDetail: string;
}

export const STATUS_TEXTS: Readonly<Record<Language, StatusTexts>> = {
  fr: {
    checking: 'Vérification du paiement…',
    download: 'Télécharger',
    notFound: 'Commande introuvable',
    notFoundDetail: 'Vérifiez le lien ou contactez la boutique.',
    unreachable: 'Vérification momentanément impossible',
    unreachableDetail: 'Le service de paiement ne répond pas. Nous réessayons automatiquement.',
  },
  en: {
    checking: 'Checking your payment…',
    download: 'Download',
    notFound: 'Order not found',
    notFoundDetail: 'Check the link or contact the shop.',
    unreachable: 'Cannot check the payment right now',
    unreachableDetail: 'The payment service is not answering. We keep trying automatically.',
  },
};
