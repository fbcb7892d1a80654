/**
 * What the Worker's own pages say to customers (payment links, downloads),
 * in French (the default) and English. Plain text: pages escape it. Prices
 * arrive formatted (shared/format.ts).
 */

import type { Language } from '../../shared/cinetpay/wire';

export interface CustomerTexts {
  readonly otherLanguage: string;
  readonly otherLanguageName: string;
  readonly payButton: (price: string) => string;
  readonly payIntro: string;
  readonly securedBy: string;
  readonly ogDescription: (price: string) => string;
  readonly openTitle: string;
  readonly openIntro: (min: string, max: string) => string;
  readonly amountLabel: (currency: string) => string;
  readonly designationLabel: string;
  readonly openButton: string;
  readonly tryAgain: string;
  readonly amountProblem: (min: string, max: string) => string;
  readonly designationProblem: string;
  readonly customerHint: string;
  readonly firstNameLabel: string;
  readonly lastNameLabel: string;
  readonly emailLabel: string;
  readonly customerProblem: string;
  readonly redirectTitle: string;
  readonly redirectIntro: (designation: string, price: string) => string;
  readonly continueButton: string;
  readonly redirectHint: string;
  readonly reference: (transId: string) => string;
  readonly notForSaleTitle: string;
  readonly notForSale: string;
  readonly openDisabled: string;
  readonly badRequestTitle: string;
  readonly badRequest: string;
  readonly foreignOriginTitle: string;
  readonly foreignOrigin: string;
  readonly tooManyTitle: string;
  readonly tooMany: string;
  readonly unavailableTitle: string;
  readonly unavailable: string;
  readonly downloadRefusedTitle: string;
  readonly downloadNotFound: string;
  readonly downloadForged: string;
  readonly downloadNotPaid: string;
  readonly downloadExpired: string;
  readonly downloadLimit: (limit: number) => string;
  readonly downloadMissing: string;
}

export const CUSTOMER_TEXTS: Readonly<Record<Language, CustomerTexts>> = {
  fr: {
    otherLanguage: 'en',
    otherLanguageName: 'English',
    payButton: (price) => `Payer ${price}`,
    payIntro: 'Payez par mobile money (Orange Money, MTN MoMo, Moov, Wave) ou par carte, sur la page sécurisée de CinetPay.',
    securedBy: 'Paiement sécurisé par CinetPay',
    ogDescription: (price) => `${price} — payez par mobile money ou par carte avec CinetPay.`,
    openTitle: 'Payer le montant de votre choix',
    openIntro: (min, max) => `Choisissez un montant de ${min} à ${max}, puis payez sur la page sécurisée de CinetPay.`,
    amountLabel: (currency) => `Montant (${currency})`,
    designationLabel: 'Objet du paiement',
    openButton: 'Payer',
    tryAgain: 'Réessayer',
    amountProblem: (min, max) => `Entrez un montant entier de ${min} à ${max}.`,
    designationProblem: 'Indiquez l’objet du paiement, en 255 caractères au plus.',
    customerHint: 'CinetPay demande le nom et l’adresse e-mail de la personne qui paie.',
    firstNameLabel: 'Prénom',
    lastNameLabel: 'Nom',
    emailLabel: 'Adresse e-mail',
    customerProblem: 'Indiquez votre prénom, votre nom et une adresse e-mail valide, comme nom@exemple.com.',
    redirectTitle: 'Vers le paiement CinetPay',
    redirectIntro: (designation, price) => `${designation} — ${price}`,
    continueButton: 'Continuer vers CinetPay',
    redirectHint: 'Si la page de paiement ne s’ouvre pas d’elle-même, appuyez sur le bouton.',
    reference: (transId) => `Référence : ${transId}`,
    notForSaleTitle: 'Produit introuvable',
    notForSale: 'Ce produit n’est pas (ou plus) en vente. Vérifiez le lien que vous avez reçu.',
    openDisabled: 'Ce marchand n’accepte pas les montants libres.',
    badRequestTitle: 'Demande incorrecte',
    badRequest: 'Cette demande de paiement n’est pas valide. Rouvrez le lien de paiement et réessayez.',
    foreignOriginTitle: 'Formulaire refusé',
    foreignOrigin: 'Ce formulaire vient d’un site que le marchand n’a pas autorisé. Ouvrez le lien de paiement du marchand.',
    tooManyTitle: 'Trop de tentatives',
    tooMany: 'Trop de demandes depuis votre connexion. Patientez une minute puis réessayez.',
    unavailableTitle: 'Paiement momentanément indisponible',
    unavailable: 'CinetPay ne répond pas pour le moment. Rien n’a été débité : réessayez dans un instant.',
    downloadRefusedTitle: 'Téléchargement impossible',
    downloadNotFound: 'Aucune commande ne correspond à ce lien de téléchargement.',
    downloadForged: 'Ce lien de téléchargement n’est pas valide. Utilisez le lien exact affiché après votre paiement.',
    downloadNotPaid: 'Le paiement de cette commande n’est pas (encore) confirmé. Le téléchargement s’ouvrira dès sa confirmation.',
    downloadExpired: 'Ce lien de téléchargement a expiré. Contactez le marchand avec la référence de votre commande.',
    downloadLimit: (limit) => `Ce fichier a déjà été téléchargé ${limit} fois, le maximum pour une commande. Contactez le marchand si besoin.`,
    downloadMissing: 'Le fichier n’est pas disponible pour le moment. Réessayez plus tard ou contactez le marchand.',
  },
  en: {
    otherLanguage: 'fr',
    otherLanguageName: 'Français',
    payButton: (price) => `Pay ${price}`,
    payIntro: 'Pay by mobile money (Orange Money, MTN MoMo, Moov, Wave) or by card, on CinetPay’s secure page.',
    securedBy: 'Payment secured by CinetPay',
    ogDescription: (price) => `${price} — pay by mobile money or card with CinetPay.`,
    openTitle: 'Pay the amount of your choice',
    openIntro: (min, max) => `Choose an amount from ${min} to ${max}, then pay on CinetPay’s secure page.`,
    amountLabel: (currency) => `Amount (${currency})`,
    designationLabel: 'What the payment is for',
    openButton: 'Pay',
    tryAgain: 'Try again',
    amountProblem: (min, max) => `Enter a whole amount from ${min} to ${max}.`,
    designationProblem: 'Say what the payment is for, in 255 characters at most.',
    customerHint: 'CinetPay asks for the name and email address of the person who pays.',
    firstNameLabel: 'First name',
    lastNameLabel: 'Last name',
    emailLabel: 'Email address',
    customerProblem: 'Enter your first name, your last name and a valid email address, such as name@example.com.',
    redirectTitle: 'On to CinetPay',
    redirectIntro: (designation, price) => `${designation} — ${price}`,
    continueButton: 'Continue to CinetPay',
    redirectHint: 'If the payment page does not open by itself, press the button.',
    reference: (transId) => `Reference: ${transId}`,
    notForSaleTitle: 'Product not found',
    notForSale: 'This product is not (or no longer) on sale. Check the link you received.',
    openDisabled: 'This merchant does not take open amounts.',
    badRequestTitle: 'Invalid request',
    badRequest: 'This payment request is not valid. Open the payment link again and retry.',
    foreignOriginTitle: 'Form refused',
    foreignOrigin: 'This form comes from a site the merchant has not allowed. Open the merchant’s own payment link.',
    tooManyTitle: 'Too many attempts',
    tooMany: 'Too many requests from your connection. Wait a minute and try again.',
    unavailableTitle: 'Payment unavailable for a moment',
    unavailable: 'CinetPay is not answering right now. Nothing was charged: try again in a moment.',
    downloadRefusedTitle: 'Download not possible',
    downloadNotFound: 'No order matches this download link.',
    downloadForged: 'This download link is not valid. Use the exact link shown after your payment.',
    downloadNotPaid: 'The payment for this order is not confirmed (yet). The download opens as soon as it is.',
    downloadExpired: 'This download link has expired. Contact the merchant with your order reference.',
    downloadLimit: (limit) => `This file has already been downloaded ${limit} times, the most one order allows. Contact the merchant if needed.`,
    downloadMissing: 'The file is not available right now. Try again later or contact the merchant.',
  },
};

/** `en` when asked for, else French: the language of a page that has no order yet. */
export function pageLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'fr';
}
