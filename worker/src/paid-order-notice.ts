/**
 * The paid-order notice: what the merchant reads on each channel when an
 * order is paid, in the language they chose (NOTICE_LANG). One message,
 * rendered as plain text (Telegram, email), as Slack's and Discord's JSON
 * (with what each needs escaped or switched off, since the designation and
 * the shop's name are merchant or customer text), and as the HTML part of the
 * email. Pure: the outbox stores what this renders and sends it as is.
 */

import type { Language } from '../../shared/cinetpay/wire';
import { formatAmount } from '../../shared/format';
import { html, type SafeHtml } from '../../shared/html';
import type { Config } from './config';
import { type OrderRecord, receiptOrder } from './order-record';
import { type Fact, paidOrderFacts } from './paid-order-facts';

export interface PaidOrderNotice {
  readonly lang: Language;
  readonly subject: string;
  readonly title: string;
  readonly facts: readonly Fact[];
  readonly receiptLabel: string;
  readonly receiptUrl: string;
}

const TEXTS = {
  fr: {
    subject: (amount: string, designation: string) => `Paiement reçu : ${amount} — ${designation}`,
    title: (shop: string) => `${shop} : nouvelle commande payée`,
    receipt: 'Reçu',
    separator: ' : ',
  },
  en: {
    subject: (amount: string, designation: string) => `Payment received: ${amount} — ${designation}`,
    title: (shop: string) => `${shop}: new paid order`,
    receipt: 'Receipt',
    separator: ': ',
  },
} as const;

/** The notice of a paid order, as configured: its language, and the payer's phone only if the merchant turned it on. */
export function paidOrderNotice(order: OrderRecord, config: Config): PaidOrderNotice {
  const lang = config.notices.lang;
  const texts = TEXTS[lang];
  return {
    lang,
    subject: texts.subject(formatAmount(order.amount, order.currency, lang), order.designation),
    title: texts.title(config.merchantName),
    facts: paidOrderFacts(receiptOrder(order), lang, config.notices.payerPhone ? order.payerPhone : null),
    receiptLabel: texts.receipt,
    receiptUrl: `${config.publicUrl}/receipt/${encodeURIComponent(order.transId)}?lang=${lang}`,
  };
}

/** The notice as plain text: a title, then one `label : value` line per fact, then the receipt's address. */
export function noticeText(notice: PaidOrderNotice): string {
  const separator = TEXTS[notice.lang].separator;
  const lines = notice.facts.map((fact) => `${fact.label}${separator}${fact.value}`);
  return [notice.title, '', ...lines, `${notice.receiptLabel}${separator}${notice.receiptUrl}`].join('\n');
}

/** Slack's three control characters; anything else in `text` is literal, so `<!channel>` in a designation pings nobody. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The body of a Slack incoming-webhook call. */
export function slackPayload(notice: PaidOrderNotice): string {
  return JSON.stringify({ text: slackEscape(noticeText(notice)) });
}

/** The body of a Discord incoming-webhook call; `allowed_mentions` empty, so an `@everyone` in a designation pings nobody. */
export function discordPayload(notice: PaidOrderNotice): string {
  return JSON.stringify({ content: noticeText(notice), allowed_mentions: { parse: [] } });
}

/** The body of a Telegram `sendMessage` call: plain text (no parse_mode), so nothing in it needs escaping. */
export function telegramPayload(notice: PaidOrderNotice, chatId: string): string {
  return JSON.stringify({ chat_id: chatId, text: noticeText(notice), disable_web_page_preview: true });
}

/** The HTML part of the email: the same lines as a table, readable without images or remote styles. */
export function noticeHtml(notice: PaidOrderNotice): SafeHtml {
  const rows = notice.facts.map(
    (fact) =>
      html`<tr><th style="text-align:left;padding:6px 16px 6px 0;color:#555;font-weight:normal">${fact.label}</th><td style="padding:6px 0;font-weight:bold">${fact.value}</td></tr>`,
  );
  return html`<!DOCTYPE html>
<html lang="${notice.lang}"><head><meta charset="utf-8"><title>${notice.subject}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;margin:0;padding:24px;background:#f4f5f7">
<div style="max-width:520px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;border:1px solid #e2e4e8">
<h1 style="font-size:18px;margin:0 0 16px">${notice.title}</h1>
<table style="border-collapse:collapse;font-size:15px">${rows}</table>
<p style="margin:20px 0 0"><a href="${notice.receiptUrl}" style="color:#0b6bcb">${notice.receiptLabel}</a></p>
</div>
</body></html>`;
}
