/**
 * The HTML of the hosted payment page and of the pages around it: the
 * payment page itself (merchant, item, amount, one button per outcome), the
 * error page (code and message), the auto-submitting form of
 * `cpm_return_mode=POST`, and the result page shown when the form gave no
 * return URL. Every value goes through the escaping `html` tag. The pages
 * work without JavaScript; the only scripts disable the buttons after a
 * click and submit the return form.
 */

import { responseCode } from '../../shared/cinetpay/response-codes';
import type { Language } from '../../shared/cinetpay/wire';
import { type PageText, pageText } from './hosted-page-text';
import { html, type SafeHtml } from './html';
import { PAGE_CHOICES, type PageChoice } from './outcomes';

/**
 * `5000` -> `5 000 F CFA` in French, `5,000 F CFA` in English: groups of three
 * digits, as each language writes them (ordinary spaces; CSS keeps the
 * amount on one line).
 */
export function formatAmount(amount: string, lang: Language): string {
  const digits = amount.replace(/^0+(?=\d)/, '');
  return `${digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : ' ')} F CFA`;
}

/** The sandbox's icon, inline: no request, so no 404 on every page. */
export const FAVICON = html`<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230f7a4a'/%3E%3Cpath d='M4 8.5l2.5 2.5L12 5.5' stroke='%23fff' stroke-width='2' fill='none'/%3E%3C/svg%3E">`;

const STYLE = html`<style>
  :root { color-scheme: light; --ink: #17202e; --muted: #5b6577; --line: #dfe3ea; --bg: #eef1f6; --brand: #0f7a4a; --focus: #1a56db; }
  * { box-sizing: border-box; }
  body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  .banner { background: #fff3cd; color: #5c4300; border-bottom: 1px solid #f1d98a; text-align: center; padding: .5rem 1rem; font-size: .875rem; }
  .page { max-width: 30rem; margin: 1.5rem auto 2rem; padding: 0 1rem; }
  .card { background: #fff; border-radius: 1rem; box-shadow: 0 1px 2px rgba(23,32,46,.06), 0 8px 24px rgba(23,32,46,.08); overflow: hidden; }
  .card-head { padding: 1.25rem 1.5rem 1rem; border-bottom: 1px solid var(--line); }
  .brand { display: flex; align-items: center; gap: .5rem; font-weight: 700; color: var(--brand); letter-spacing: .01em; }
  .brand svg { width: 1.25rem; height: 1.25rem; }
  .tag { margin-left: auto; font-size: .75rem; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; color: #5c4300; background: #fff3cd; border-radius: 999px; padding: .125rem .625rem; }
  h1 { font-size: 1.375rem; margin: .75rem 0 0; }
  h2 { font-size: 1rem; margin: 0; }
  .section { padding: 1.25rem 1.5rem; border-bottom: 1px solid var(--line); }
  .section:last-child { border-bottom: 0; }
  .merchant { margin: 0 0 .75rem; }
  .merchant strong { font-size: 1.0625rem; }
  .muted, .hint { color: var(--muted); font-size: .875rem; }
  .hint { margin: .125rem 0 .75rem; }
  dl { margin: 0; display: grid; gap: .375rem; }
  dl div { display: flex; justify-content: space-between; gap: 1rem; }
  dt { color: var(--muted); white-space: nowrap; }
  dd .muted { display: block; font-weight: 400; }
  dd { margin: 0; text-align: right; font-weight: 500; overflow-wrap: anywhere; }
  .amount { margin-top: 1rem; padding: .875rem 1rem; background: #f4f8f6; border: 1px solid #d3e6dc; border-radius: .75rem; display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
  .amount strong { font-size: 1.75rem; white-space: nowrap; color: #0b4f31; }
  .choices { display: grid; gap: .625rem; }
  .choices form { margin: 0; }
  .choice { width: 100%; display: flex; align-items: center; gap: .875rem; padding: .75rem 1rem; border: 1px solid var(--line); border-radius: .75rem; background: #fff; color: var(--ink); font: inherit; text-align: left; cursor: pointer; }
  .choice:hover { border-color: #b8c0cc; background: #fafbfc; }
  .choice:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  .choice:disabled { opacity: .6; cursor: progress; }
  .choice .text { display: flex; flex-direction: column; flex: 1; }
  .choice .label { font-weight: 600; }
  .chev { color: var(--muted); font-size: 1.25rem; }
  .badge { flex: none; width: 2.75rem; height: 2.75rem; border-radius: .625rem; display: grid; place-items: center; font-weight: 800; font-size: .75rem; letter-spacing: .02em; }
  .badge-om { background: #ff7900; color: #000; }
  .badge-momo { background: #ffcc00; color: #000; }
  .badge-flooz { background: #0061a8; color: #fff; }
  .badge-sim { background: #eef1f6; color: #3d4657; font-size: .8125rem; }
  .simulate .choice { padding: .625rem 1rem; }
  .cancel { width: 100%; padding: .75rem 1rem; border: 0; border-radius: .75rem; background: transparent; color: #a4262c; font: inherit; font-weight: 600; cursor: pointer; }
  .cancel .label { text-decoration: underline; text-underline-offset: .2em; }
  .cancel:hover { background: #fdf2f2; }
  .cancel:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
  .cancel .hint { display: block; font-weight: 400; margin: 0; }
  footer { text-align: center; color: var(--muted); font-size: .8125rem; margin-top: 1rem; }
  footer a { color: inherit; }
  .error-code { font-size: 1.125rem; font-weight: 700; color: #a4262c; margin: .5rem 0; }
  .error-code span { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
  details { margin-top: 1rem; color: var(--muted); font-size: .875rem; }
  details p { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
  .primary { display: inline-block; margin-top: 1rem; padding: .75rem 1.25rem; border-radius: .75rem; border: 0; background: var(--brand); color: #fff; font: inherit; font-weight: 600; text-decoration: none; cursor: pointer; }
  .primary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
</style>`;

const LOCK_ICON = html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 1a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V11a2 2 0 0 0-2-2h-1V6a5 5 0 0 0-5-5Zm-3 5a3 3 0 1 1 6 0v3H9V6Zm3 7a2 2 0 0 1 1 3.73V19h-2v-2.27A2 2 0 0 1 12 13Z"/></svg>`;

function layout(lang: Language, title: string, body: SafeHtml, extraHead: SafeHtml = html``): SafeHtml {
  const text = pageText(lang);
  return html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
${FAVICON}
${STYLE}
${extraHead}
</head>
<body>
<p class="banner" role="note">${text.sandboxBanner}</p>
<div class="page">
${body}
<footer><p>${text.footer} <a href="/__sandbox/">${text.dashboard}</a></p></footer>
</div>
</body>
</html>`;
}

function cardHead(heading: string): SafeHtml {
  return html`<header class="card-head">
  <div class="brand">${LOCK_ICON}<span>CinetPay</span><span class="tag">Sandbox</span></div>
  <h1 id="title">${heading}</h1>
</header>`;
}

export interface PaymentPageData {
  readonly lang: Language;
  readonly siteName: string;
  readonly siteId: string;
  readonly transId: string;
  readonly designation: string;
  readonly amount: string;
  /** The number the merchant locked (guide 2.2), shown as `+225 01020304`. */
  readonly lockedPhone: { readonly prefix: string; readonly number: string } | null;
}

const BADGES: Readonly<Record<string, { readonly css: string; readonly mark: string }>> = {
  'success-om': { css: 'badge-om', mark: 'OM' },
  'success-momo': { css: 'badge-momo', mark: 'MoMo' },
  'success-flooz': { css: 'badge-flooz', mark: 'Moov' },
  'otp-error': { css: 'badge-sim', mark: '604' },
  'insufficient-balance': { css: 'badge-sim', mark: '602' },
  pending: { css: 'badge-sim', mark: '623' },
};

/** One outcome button, in its own small form posting to `/pay`. */
function choiceForm(choice: PageChoice, data: PaymentPageData, text: PageText): SafeHtml {
  const words = text.choices[choice.id] ?? { label: choice.id, hint: '' };
  const hidden = html`<input type="hidden" name="trans_id" value="${data.transId}"><input type="hidden" name="choice" value="${choice.id}"><input type="hidden" name="lang" value="${data.lang}">`;
  if (choice.outcome === 'cancel') {
    return html`<form method="post" action="/pay">${hidden}<button type="submit" class="cancel" id="outcome-${choice.id}" data-outcome="${choice.id}"><span class="label">${words.label}</span><span class="hint">${words.hint}</span></button></form>`;
  }
  const badge = BADGES[choice.id] ?? { css: 'badge-sim', mark: '' };
  // An operator's logo mark is decoration; a simulated outcome's code is information, read aloud too.
  const operator = choice.outcome === 'success';
  return html`<form method="post" action="/pay">${hidden}<button type="submit" class="choice" id="outcome-${choice.id}" data-outcome="${choice.id}">
  ${operator ? html`<span class="badge ${badge.css}" aria-hidden="true">${badge.mark}</span>` : html`<span class="badge ${badge.css}">${badge.mark}</span>`}
  <span class="text"><span class="label">${words.label}</span><span class="muted">${words.hint}</span></span>
  <span class="chev" aria-hidden="true">›</span>
</button></form>`;
}

/**
 * Disables every button once one is pressed, so a double click cannot choose
 * two outcomes (the form still posts); enables them again when the back
 * button restores the page from the back-forward cache.
 */
const SUBMIT_ONCE = html`<script>
function setButtons(disabled) { document.querySelectorAll('button').forEach(function (b) { b.disabled = disabled; }); }
document.addEventListener('submit', function () { setTimeout(function () { setButtons(true); }, 0); });
window.addEventListener('pageshow', function (event) { if (event.persisted) setButtons(false); });
</script>`;

export function paymentPage(data: PaymentPageData): SafeHtml {
  const text = pageText(data.lang);
  const operators = PAGE_CHOICES.filter((choice) => choice.outcome === 'success');
  const simulated = PAGE_CHOICES.filter((choice) => choice.outcome !== 'success' && choice.outcome !== 'cancel');
  const cancel = PAGE_CHOICES.filter((choice) => choice.outcome === 'cancel');
  const phone = data.lockedPhone
    ? html`<div><dt>${text.phone}</dt><dd id="locked-phone">+${data.lockedPhone.prefix} ${data.lockedPhone.number} <span class="muted">${text.phoneLocked}</span></dd></div>`
    : html``;
  const body = html`<main class="card" aria-labelledby="title">
${cardHead(text.title)}
<section class="section" aria-label="${text.merchant}">
  <p class="merchant"><span class="muted">${text.merchant}</span><br><strong id="merchant-name">${data.siteName}</strong> <span class="muted">· ${text.site} ${data.siteId}</span></p>
  <dl>
    <div><dt>${text.item}</dt><dd id="designation">${data.designation}</dd></div>
    <div><dt>${text.reference}</dt><dd id="trans-id">${data.transId}</dd></div>
    ${phone}
  </dl>
  <div class="amount"><span class="muted">${text.amountDue}</span><strong id="amount">${formatAmount(data.amount, data.lang)}</strong></div>
</section>
<section class="section" aria-labelledby="pay-title">
  <h2 id="pay-title">${text.payWith}</h2>
  <p class="hint">${text.payWithHint}</p>
  <div class="choices">${operators.map((choice) => choiceForm(choice, data, text))}</div>
</section>
<section class="section simulate" aria-labelledby="simulate-title">
  <h2 id="simulate-title">${text.simulate}</h2>
  <p class="hint">${text.simulateHint}</p>
  <div class="choices">${simulated.map((choice) => choiceForm(choice, data, text))}</div>
</section>
<section class="section">${cancel.map((choice) => choiceForm(choice, data, text))}</section>
</main>
${SUBMIT_ONCE}`;
  return layout(data.lang, `${text.title} · ${data.siteName}`, body);
}

/** A refused form or action: the Annexe I code and message, the customer's text, the developer's detail. */
export function errorPage(code: string, lang: Language, detail: string, backUrl: string | null): SafeHtml {
  const text = pageText(lang);
  const info = responseCode(code);
  const back = backUrl === null ? html`` : html`<a class="primary" href="${backUrl}">${text.backToShop}</a>`;
  const body = html`<main class="card" aria-labelledby="title">
${cardHead(text.errorTitle)}
<section class="section">
  <p class="error-code" id="error-code">${text.errorCode} <span>${code}</span> · <span id="error-message">${info?.message ?? 'UNKNOWN_ERROR'}</span></p>
  <p>${info?.text[lang] ?? ''}</p>
  <details><summary>${text.developerDetail}</summary><p>${detail}</p></details>
  ${back}
</section>
</main>`;
  return layout(lang, `${text.errorTitle} (${code})`, body);
}

/** `cpm_return_mode=POST`: a form that posts the notification fields to return_url by itself, with a button for browsers without JavaScript. */
export function returnPostPage(returnUrl: string, fields: Readonly<Record<string, string>>, lang: Language): SafeHtml {
  const text = pageText(lang);
  const inputs = Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const body = html`<main class="card" aria-labelledby="title">
${cardHead(text.returning)}
<section class="section">
  <p>${text.returningHint}</p>
  <form id="return-form" method="post" action="${returnUrl}">${inputs}<button type="submit" class="primary" id="return-button">${text.continueToShop}</button></form>
</section>
</main>
<script>document.getElementById('return-form').submit();</script>`;
  return layout(lang, text.returning, body);
}

/** Shown when the form had no return URL: what happened, and nowhere to go. */
export function resultPage(code: string, lang: Language): SafeHtml {
  const text = pageText(lang);
  const info = responseCode(code);
  const body = html`<main class="card" aria-labelledby="title">
${cardHead(text.resultTitle)}
<section class="section">
  <p class="error-code" id="result-code">${text.errorCode} <span>${code}</span> · <span>${info?.message ?? ''}</span></p>
  <p>${info?.text[lang] ?? ''}</p>
  <p class="muted">${text.noReturnUrl}</p>
</section>
</main>`;
  return layout(lang, text.resultTitle, body);
}

/** `GET /`: what this origin is, for someone who opens it in a browser. */
export function landingPage(siteName: string, siteId: string): SafeHtml {
  const body = html`<main class="card" aria-labelledby="title">
${cardHead('Sandbox CinetPay v1')}
<section class="section">
  <p>Cette adresse joue le rôle de <strong>https://secure.cinetpay.com</strong> : le site marchand y poste son formulaire de paiement (POST). L’API est sur <code>/v1/?method=…</code>.</p>
  <p lang="en">This origin stands in for <strong>https://secure.cinetpay.com</strong>: a shop POSTs its payment form here. The API is at <code>/v1/?method=…</code>.</p>
  <p class="muted">${siteName} · Site ${siteId}</p>
  <a class="primary" href="/__sandbox/">Tableau de bord / Dashboard</a>
</section>
</main>`;
  return layout('fr', 'Sandbox CinetPay v1', body);
}
