/**
 * Every word the hosted payment page shows, in French (CinetPay's default)
 * and English, chosen by the form's `cpm_language`. Customer-facing error
 * texts come from Annexe I in shared/cinetpay/response-codes.ts; only the page's own
 * wording lives here.
 */

import type { Language } from '../../shared/cinetpay/wire';

export interface PageText {
  readonly title: string;
  readonly sandboxBanner: string;
  readonly merchant: string;
  readonly site: string;
  readonly item: string;
  readonly reference: string;
  readonly phone: string;
  readonly phoneLocked: string;
  readonly amountDue: string;
  readonly payWith: string;
  readonly payWithHint: string;
  readonly simulate: string;
  readonly simulateHint: string;
  readonly choices: Readonly<Record<string, { readonly label: string; readonly hint: string }>>;
  readonly footer: string;
  readonly dashboard: string;
  readonly errorTitle: string;
  readonly errorCode: string;
  readonly developerDetail: string;
  readonly backToShop: string;
  readonly returning: string;
  readonly returningHint: string;
  readonly continueToShop: string;
  readonly resultTitle: string;
  readonly noReturnUrl: string;
  readonly processing: string;
}

const FR: PageText = {
  title: 'Paiement sécurisé',
  sandboxBanner: 'Environnement de test (sandbox) : aucun argent réel n’est débité.',
  merchant: 'Marchand',
  site: 'Site',
  item: 'Article',
  reference: 'Référence',
  phone: 'Numéro de paiement',
  phoneLocked: 'imposé par le marchand',
  amountDue: 'Montant à payer',
  payWith: 'Payer avec',
  payWithHint: 'Choisissez votre compte mobile money.',
  simulate: 'Simuler un autre résultat',
  simulateHint: 'Réservé aux tests : chaque bouton termine le paiement avec le code indiqué.',
  choices: {
    'success-om': { label: 'Orange Money', hint: 'Paiement accepté (00)' },
    'success-momo': { label: 'MTN Mobile Money', hint: 'Paiement accepté (00)' },
    'success-flooz': { label: 'Moov Money', hint: 'Paiement accepté (00)' },
    'otp-error': { label: 'Code OTP erroné', hint: 'OTP_CODE_ERROR' },
    'insufficient-balance': { label: 'Solde insuffisant', hint: 'INSUFFICIENT_BALANCE' },
    pending: { label: 'Le client valide encore sur son téléphone', hint: 'WAITING_CUSTOMER_TO_VALIDATE' },
    cancel: { label: 'Annuler et retourner à la boutique', hint: '627 TRANSACTION_CANCEL' },
  },
  footer: 'Sandbox CinetPay v1 : page de paiement simulée pour le développement local.',
  dashboard: 'Tableau de bord de la sandbox',
  errorTitle: 'Paiement impossible',
  errorCode: 'Code',
  developerDetail: 'Détail pour le développeur',
  backToShop: 'Retourner à la boutique',
  returning: 'Retour à la boutique…',
  returningHint: 'Vous allez être redirigé vers la boutique.',
  continueToShop: 'Continuer vers la boutique',
  resultTitle: 'Paiement terminé',
  noReturnUrl: 'Le formulaire ne donnait pas d’URL de retour : la sandbox s’arrête ici.',
  processing: 'Traitement…',
};

const EN: PageText = {
  title: 'Secure payment',
  sandboxBanner: 'Test environment (sandbox): no real money is charged.',
  merchant: 'Merchant',
  site: 'Site',
  item: 'Item',
  reference: 'Reference',
  phone: 'Paying number',
  phoneLocked: 'set by the merchant',
  amountDue: 'Amount due',
  payWith: 'Pay with',
  payWithHint: 'Choose your mobile-money account.',
  simulate: 'Simulate another result',
  simulateHint: 'For testing only: each button ends the payment with the code shown.',
  choices: {
    'success-om': { label: 'Orange Money', hint: 'Payment accepted (00)' },
    'success-momo': { label: 'MTN Mobile Money', hint: 'Payment accepted (00)' },
    'success-flooz': { label: 'Moov Money', hint: 'Payment accepted (00)' },
    'otp-error': { label: 'Wrong OTP code', hint: 'OTP_CODE_ERROR' },
    'insufficient-balance': { label: 'Insufficient balance', hint: 'INSUFFICIENT_BALANCE' },
    pending: { label: 'Customer still confirming on their phone', hint: 'WAITING_CUSTOMER_TO_VALIDATE' },
    cancel: { label: 'Cancel and return to the shop', hint: '627 TRANSACTION_CANCEL' },
  },
  footer: 'CinetPay v1 sandbox: a simulated payment page for local development.',
  dashboard: 'Sandbox dashboard',
  errorTitle: 'Payment not possible',
  errorCode: 'Code',
  developerDetail: 'Details for the developer',
  backToShop: 'Return to the shop',
  returning: 'Returning to the shop…',
  returningHint: 'You are being sent back to the shop.',
  continueToShop: 'Continue to the shop',
  resultTitle: 'Payment finished',
  noReturnUrl: 'The form gave no return URL: the sandbox stops here.',
  processing: 'Processing…',
};

export function pageText(lang: Language): PageText {
  return lang === 'en' ? EN : FR;
}
