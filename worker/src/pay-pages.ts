/**
 * The pages of a payment link, which work with JavaScript off: a product's
 * page (its price, Open Graph tags for link previews, a plain POST form),
 * the open-amount form, the page that hands the customer to CinetPay (the
 * checkout answer as a real form with a visible button, submitted by a
 * hashed inline script when scripts run), and a message page for refusals.
 * Where the API needs the payer's name and email (customer.ts), the product
 * and open-amount forms carry three more fields, which the browser can
 * fill from the customer's saved details (`autocomplete`).
 */

import type { Language } from '../../shared/cinetpay/wire';
import { formatAmount } from '../../shared/format';
import type { OpenAmount, Product } from './config';
import { CUSTOMER_FIELDS, type CustomerField, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from './customer';
import { CUSTOMER_TEXTS, type CustomerTexts } from './customer-texts';
import { escapeHtml, type RenderedPage, renderPage } from './html-page';

/** The checkout answer, whatever the protocol: v1 POSTs signed fields, a newer one may send the customer to a URL with GET. */
export interface HostedForm {
  readonly transId: string;
  readonly method: string;
  readonly action: string;
  /** The form's fields by name (none for a plain navigation); text values are sent, absent optional ones skipped. */
  readonly fields?: object;
}

const OG_LOCALE: Readonly<Record<Language, string>> = { fr: 'fr_FR', en: 'en_US' };

/** `/pay/tshirt-m`, `/pay/tshirt-m?lang=en`: French has no parameter, being the default. */
export function payPath(productId: string | null, lang: Language): string {
  const path = productId === null ? '/pay' : `/pay/${encodeURIComponent(productId)}`;
  return lang === 'fr' ? path : `${path}?lang=${lang}`;
}

function languageSwitch(productId: string | null, lang: Language): string {
  const texts = CUSTOMER_TEXTS[lang];
  const other = texts.otherLanguage === 'en' ? 'en' : 'fr';
  return `<p class="muted"><a href="${escapeHtml(payPath(productId, other))}" lang="${other}" hreflang="${other}">${texts.otherLanguageName}</a></p>`;
}

function footer(lang: Language): string {
  return `<footer>${escapeHtml(CUSTOMER_TEXTS[lang].securedBy)}</footer>`;
}

function openGraph(title: string, description: string, url: string, lang: Language): string {
  const meta = (property: string, content: string): string => `\n<meta property="${property}" content="${escapeHtml(content)}">`;
  return (
    `\n<meta name="description" content="${escapeHtml(description)}">` +
    meta('og:type', 'website') +
    meta('og:title', title) +
    meta('og:description', description) +
    meta('og:url', url) +
    meta('og:locale', OG_LOCALE[lang]) +
    meta('og:site_name', 'CinetPay') +
    `\n<meta name="twitter:card" content="summary">`
  );
}

/** The payment-link forms' names for the customer's fields, each mapped onto checkout's name for it. */
export const CUSTOMER_FORM_NAMES: Readonly<Record<CustomerField, string>> = {
  customerFirstName: 'first_name',
  customerLastName: 'last_name',
  customerEmail: 'email',
};

/** What the customer typed into the name and email fields (empty at first), and the fields checkout refused. */
export interface CustomerInput {
  readonly values: Readonly<Record<CustomerField, string>>;
  readonly refused: readonly CustomerField[];
}

export const BLANK_CUSTOMER: CustomerInput = { values: { customerFirstName: '', customerLastName: '', customerEmail: '' }, refused: [] };

const CUSTOMER_INPUTS: Readonly<Record<CustomerField, { readonly label: (texts: CustomerTexts) => string; readonly attributes: string }>> = {
  customerFirstName: { label: (texts) => texts.firstNameLabel, attributes: `autocomplete="given-name" maxlength="${MAX_NAME_LENGTH}"` },
  customerLastName: { label: (texts) => texts.lastNameLabel, attributes: `autocomplete="family-name" maxlength="${MAX_NAME_LENGTH}"` },
  customerEmail: { label: (texts) => texts.emailLabel, attributes: `type="email" autocomplete="email" maxlength="${MAX_EMAIL_LENGTH}"` },
};

/** The name and email fields, or nothing when the page asks for none; a refusal's message sits above them, and names each refused field. */
function customerFields(customer: CustomerInput | null, texts: CustomerTexts): string {
  if (customer === null) return '';
  const problem = customer.refused.length === 0 ? '' : `\n<p class="error" role="alert" id="customer-problem">${escapeHtml(texts.customerProblem)}</p>`;
  const inputs = CUSTOMER_FIELDS.map((field) => {
    const name = CUSTOMER_FORM_NAMES[field];
    const input = CUSTOMER_INPUTS[field];
    const invalid = customer.refused.includes(field) ? ' aria-invalid="true" aria-describedby="customer-problem"' : '';
    return `<label for="${name}">${escapeHtml(input.label(texts))}</label>
<input id="${name}" name="${name}" ${input.attributes} required value="${escapeHtml(customer.values[field])}"${invalid}>`;
  });
  return `\n<p class="muted">${escapeHtml(texts.customerHint)}</p>${problem}\n${inputs.join('\n')}`;
}

/**
 * The product's name as this customer's payment will carry it: its
 * `designation_en` in English when the catalog has one, as checkout sends
 * CinetPay and the order keeps; so the page never names the product
 * otherwise than CinetPay's page and the receipt do.
 */
export function productName(product: Product, lang: Language): string {
  return (lang === 'en' ? product.designationEn : null) ?? product.designation;
}

/** `GET /pay/:product` (and its refusals): the product, its price, the customer's fields where the API needs them, and one button that posts. */
export function productPage(product: Product, lang: Language, publicUrl: string, customer: CustomerInput | null): Promise<RenderedPage> {
  const texts = CUSTOMER_TEXTS[lang];
  const price = formatAmount(product.amount, product.currency, lang);
  const name = productName(product, lang);
  const title = `${name} — ${price}`;
  const main = `<h1>${escapeHtml(name)}</h1>
<p class="price">${escapeHtml(price)}</p>
<p>${escapeHtml(texts.payIntro)}</p>
<form method="post" action="${escapeHtml(payPath(product.id, 'fr'))}">
<input type="hidden" name="lang" value="${lang}">${customerFields(customer, texts)}
<button type="submit">${escapeHtml(texts.payButton(price))}</button>
</form>
${languageSwitch(product.id, lang)}
${footer(lang)}`;
  return renderPage({ lang, title, main, head: openGraph(title, texts.ogDescription(price), `${publicUrl}${payPath(product.id, lang)}`, lang) });
}

/** What the customer typed into the open-amount form, shown again with a problem when it was refused. */
export interface OpenAmountInput {
  readonly amount: string;
  readonly designation: string;
  readonly problem: 'amount' | 'designation' | null;
  /** The name and email fields, `null` where the page asks for none; a refused customer is marked there. */
  readonly customer: CustomerInput | null;
}

/** `GET /pay` (and its refusals): an amount field within the merchant's bounds, and what the payment is for. */
export function openAmountPage(open: OpenAmount, lang: Language, publicUrl: string, input: OpenAmountInput): Promise<RenderedPage> {
  const texts = CUSTOMER_TEXTS[lang];
  const min = formatAmount(open.min, 'CFA', lang);
  const max = formatAmount(open.max, 'CFA', lang);
  const problem = input.problem === 'amount' ? texts.amountProblem(min, max) : input.problem === 'designation' ? texts.designationProblem : null;
  const designationField = open.designations
    ? `<select id="designation" name="designation" required>${open.designations
        .map((choice) => `<option${choice === input.designation ? ' selected' : ''}>${escapeHtml(choice)}</option>`)
        .join('')}</select>`
    : `<input id="designation" name="designation" required maxlength="100" value="${escapeHtml(input.designation)}">`;
  const main = `<h1>${escapeHtml(texts.openTitle)}</h1>
<p>${escapeHtml(texts.openIntro(min, max))}</p>
${problem === null ? '' : `<p class="error" role="alert" id="problem">${escapeHtml(problem)}</p>`}
<form method="post" action="/pay">
<input type="hidden" name="lang" value="${lang}">
<label for="amount">${escapeHtml(texts.amountLabel('F CFA'))}</label>
<input id="amount" name="amount" type="number" inputmode="numeric" required min="${open.min}" max="${open.max}" step="1" value="${escapeHtml(input.amount)}"${input.problem === 'amount' ? ' aria-invalid="true" aria-describedby="problem"' : ''}>
<label for="designation">${escapeHtml(texts.designationLabel)}</label>
${designationField}${customerFields(input.customer, texts)}
<button type="submit">${escapeHtml(texts.openButton)}</button>
</form>
${languageSwitch(null, lang)}
${footer(lang)}`;
  const title = texts.openTitle;
  return renderPage({ lang, title, main, head: openGraph(title, texts.openIntro(min, max), `${publicUrl}${payPath(null, lang)}`, lang) });
}

/**
 * A GET form replaces its action's query with its fields, so the action's
 * own parameters travel as hidden fields; a POST keeps its action whole.
 */
function formParts(form: HostedForm): { readonly method: 'get' | 'post'; readonly action: string; readonly fields: [string, string][] } {
  const fields = Object.entries(form.fields ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (form.method.toUpperCase() !== 'GET') return { method: 'post', action: form.action, fields };
  const action = new URL(form.action);
  const query = [...action.searchParams.entries()];
  action.search = '';
  return { method: 'get', action: action.toString(), fields: [...query, ...fields] };
}

/** The script that leaves for the payment page at once; through the prototype, since a field named "submit" would shadow form.submit. */
const AUTO_SUBMIT = 'HTMLFormElement.prototype.submit.call(document.getElementById("cinetpay"));';

/** `POST /pay…`'s answer: CinetPay's form, with a button that works without scripts. */
export function hostedFormPage(form: HostedForm, designation: string, amount: number, currency: string, lang: Language): Promise<RenderedPage> {
  const texts = CUSTOMER_TEXTS[lang];
  const parts = formParts(form);
  const inputs = parts.fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
  const main = `<h1>${escapeHtml(texts.redirectTitle)}</h1>
<p class="price">${escapeHtml(texts.redirectIntro(designation, formatAmount(amount, currency, lang)))}</p>
<p>${escapeHtml(texts.redirectHint)}</p>
<form id="cinetpay" method="${parts.method}" action="${escapeHtml(parts.action)}" accept-charset="UTF-8">
${inputs}
<button type="submit">${escapeHtml(texts.continueButton)}</button>
</form>
<p class="muted">${escapeHtml(texts.reference(form.transId))}</p>
${footer(lang)}`;
  return renderPage({ lang, title: texts.redirectTitle, main, script: AUTO_SUBMIT, formTargets: [new URL(parts.action).origin] });
}

/** A refusal, in the customer's language, with a way back when there is one. */
export function messagePage(lang: Language, title: string, message: string, back?: { readonly href: string; readonly label: string }): Promise<RenderedPage> {
  const link = back ? `\n<a class="button" href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a>` : '';
  return renderPage({ lang, title, main: `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>${link}\n${footer(lang)}` });
}
