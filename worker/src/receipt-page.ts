/**
 * The customer's receipt (`GET /receipt/:transId`), and the pages shown
 * instead of one: a printable HTML page, French or English, with no script
 * and one inline style (allowed by its hash, reply.ts). Only an ACCEPTED order
 * has a receipt; any other says where its payment stands. `extra` is where
 * a paid order's own addition goes (a download button for digital goods),
 * after the facts and before the footer. Pure: the route decides which page
 * and which status.
 */

import type { OrderStatus } from '../../shared/api/contract';
import type { Language } from '../../shared/cinetpay/wire';
import { formatAmount } from '../../shared/format';
import { html, SafeHtml } from '../../shared/html';
import type { ReceiptOrder } from './order-record';
import { FACT_LABELS, type Fact, paidOrderFacts } from './paid-order-facts';

/** Why there is no receipt to show: the order's status, or no such order, or a malformed id, or too many lookups. */
export type NoReceipt = Exclude<OrderStatus, 'ACCEPTED'> | 'UNKNOWN' | 'INVALID_ID' | 'RATE_LIMITED';

export const RECEIPT_CSS = `*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1a1a1a;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:560px;margin:32px auto;background:#fff;border:1px solid #e2e4e8;border-radius:10px;padding:28px}
header{display:flex;justify-content:space-between;align-items:baseline;gap:16px;border-bottom:1px solid #e2e4e8;padding-bottom:12px;margin-bottom:16px}
h1{font-size:20px;margin:0}
.shop{font-weight:600}
.status{display:inline-block;border-radius:999px;padding:2px 12px;font-size:14px;font-weight:600}
.status.paid{background:#e3f6e8;color:#11602c}
.status.waiting{background:#fff4d6;color:#7a5300}
.status.failed{background:#fde7e7;color:#8a1c1c}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 20px;margin:0}
dt{color:#555}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.amount{font-size:22px}
.extra{margin-top:20px}
.download{display:inline-block;padding:10px 18px;border-radius:6px;background:#11602c;color:#fff;font-weight:600;text-decoration:none}
footer{margin-top:24px;border-top:1px solid #e2e4e8;padding-top:12px;color:#555;font-size:14px}
.hint{color:#555;font-size:14px}
@media print{
body{background:#fff}
main{margin:0;max-width:none;border:0;padding:0}
.hint,.extra{display:none}
.status{border:1px solid currentColor}
}`;

const TEXTS = {
  fr: {
    receipt: 'Reçu de paiement',
    paid: 'Payé',
    status: 'Statut',
    download: 'Télécharger votre fichier',
    printHint: 'Imprimez cette page ou enregistrez-la en PDF (Ctrl+P, ou Partager › Imprimer sur un téléphone) pour la garder.',
    footer: (shop: string) => `Paiement encaissé par CinetPay pour ${shop}. Ce reçu ne vaut que pour la transaction indiquée.`,
    noReceiptTitle: 'Pas encore de reçu',
    statuses: {
      PENDING: 'En attente',
      REFUSED: 'Refusé',
      CANCELLED: 'Annulé',
    },
    explain: {
      PENDING:
        'Le paiement de cette commande attend encore sa confirmation par CinetPay. Le reçu apparaîtra à cette adresse dès qu’il sera confirmé : revenez dans quelques minutes.',
      REFUSED:
        'Le paiement de cette commande a été refusé : aucun montant n’a été encaissé, il n’y a donc pas de reçu. Vous pouvez reprendre votre achat sur la boutique.',
      CANCELLED: 'Le paiement de cette commande a été annulé : aucun montant n’a été encaissé, il n’y a donc pas de reçu.',
      UNKNOWN: 'Aucune commande ne porte ce numéro de transaction. Vérifiez l’adresse du reçu.',
      INVALID_ID: 'Ce numéro de transaction n’est pas valide : il ne contient que des lettres, des chiffres, « - » ou « _ » (64 au plus).',
      RATE_LIMITED: 'Trop de demandes depuis votre connexion. Patientez une minute puis rechargez la page.',
    },
    unknownTitle: 'Commande introuvable',
    invalidTitle: 'Adresse de reçu invalide',
    limitedTitle: 'Trop de demandes',
  },
  en: {
    receipt: 'Payment receipt',
    paid: 'Paid',
    status: 'Status',
    download: 'Download your file',
    printHint: 'Print this page or save it as a PDF (Ctrl+P, or Share › Print on a phone) to keep it.',
    footer: (shop: string) => `Payment collected by CinetPay for ${shop}. This receipt covers the transaction shown only.`,
    noReceiptTitle: 'No receipt yet',
    statuses: {
      PENDING: 'Pending',
      REFUSED: 'Refused',
      CANCELLED: 'Cancelled',
    },
    explain: {
      PENDING:
        'The payment of this order is still waiting for CinetPay’s confirmation. The receipt will appear at this address as soon as it is confirmed: come back in a few minutes.',
      REFUSED: 'The payment of this order was refused: nothing was charged, so there is no receipt. You may try again from the shop.',
      CANCELLED: 'The payment of this order was cancelled: nothing was charged, so there is no receipt.',
      UNKNOWN: 'No order has this transaction number. Check the receipt’s address.',
      INVALID_ID: 'This transaction number is not valid: it holds only letters, digits, "-" or "_" (64 at most).',
      RATE_LIMITED: 'Too many requests from your connection. Wait a minute, then reload the page.',
    },
    unknownTitle: 'Order not found',
    invalidTitle: 'Invalid receipt address',
    limitedTitle: 'Too many requests',
  },
} as const;

function shell(lang: Language, title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${new SafeHtml(RECEIPT_CSS)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`.value;
}

/** The facts as a definition list; a status is a line of its own, after them. */
function factList(facts: readonly Fact[], status: { readonly label: string; readonly value: string }): SafeHtml {
  return html`<dl>${facts.map((fact) => html`<dt>${fact.label}</dt><dd class="${fact.key}">${fact.value}</dd>`)}<dt>${status.label}</dt><dd>${status.value}</dd></dl>`;
}

/** The download button of a paid digital product, for the receipt's `extra`. */
export function downloadSection(url: string, lang: Language): SafeHtml {
  return html`<a class="download" href="${url}" download>${TEXTS[lang].download}</a>`;
}

/**
 * The receipt of an ACCEPTED order. `extra` is inserted after the facts and
 * hidden when printing: a paid order's own addition, such as the download
 * button of a digital product.
 */
export function receiptPage(order: ReceiptOrder, merchantName: string, lang: Language, extra?: SafeHtml): string {
  const texts = TEXTS[lang];
  return shell(
    lang,
    `${texts.receipt} · ${merchantName}`,
    html`<header><h1>${texts.receipt}</h1><span class="status paid">${texts.paid}</span></header>
<p class="shop">${merchantName}</p>
${factList(paidOrderFacts(order, lang), { label: texts.status, value: texts.paid })}
${extra === undefined ? '' : html`<section class="extra">${extra}</section>`}
<p class="hint">${texts.printHint}</p>
<footer>${texts.footer(merchantName)}</footer>`,
  );
}

/** The page of an order that has no receipt (yet): what it is, where its payment stands. */
export function orderStandingPage(order: ReceiptOrder, status: Exclude<OrderStatus, 'ACCEPTED'>, merchantName: string, lang: Language): string {
  const texts = TEXTS[lang];
  const labels = FACT_LABELS[lang];
  const facts: Fact[] = [
    { key: 'designation', label: labels.designation, value: order.designation },
    { key: 'amount', label: labels.amount, value: formatAmount(order.amount, order.currency, lang) },
    { key: 'transId', label: labels.transId, value: order.transId },
  ];
  return shell(
    lang,
    `${texts.noReceiptTitle} · ${merchantName}`,
    html`<header><h1>${texts.noReceiptTitle}</h1><span class="status ${status === 'PENDING' ? 'waiting' : 'failed'}">${texts.statuses[status]}</span></header>
<p class="shop">${merchantName}</p>
<p>${texts.explain[status]}</p>
${factList(facts, { label: texts.status, value: texts.statuses[status] })}`,
  );
}

/** The page for a lookup that found no order: unknown, malformed, or refused for its rate. */
export function noOrderPage(reason: Extract<NoReceipt, 'UNKNOWN' | 'INVALID_ID' | 'RATE_LIMITED'>, lang: Language): string {
  const texts = TEXTS[lang];
  const title = reason === 'UNKNOWN' ? texts.unknownTitle : reason === 'INVALID_ID' ? texts.invalidTitle : texts.limitedTitle;
  return shell(lang, title, html`<header><h1>${title}</h1></header><p>${texts.explain[reason]}</p>`);
}
