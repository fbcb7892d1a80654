/**
 * `<console-links>`: each product's payment link (`#/links`), in French and
 * English, with its QR code to print or download as SVG, as the Worker's
 * `/admin/products` answers them. The QR is shown as an image of the
 * Worker's own SVG (a `data:` URL, which the console's policy allows for
 * images), never parsed into the page.
 */

import { html, LitElement, nothing } from 'lit';
import type { PaymentLink } from '../../shared/api/admin';
import { getPaymentLinks } from './api';
import { formatAmount } from './format';
import { consoleStyles } from './styles';
import { type Lang, TEXTS } from './texts';

function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export class ConsoleLinksElement extends LitElement {
  static override styles = consoleStyles;
  static override properties = { lang: { type: String }, links: { state: true }, problem: { state: true } };

  declare lang: Lang;
  declare links: readonly PaymentLink[] | null;
  declare problem: string;

  constructor() {
    super();
    this.lang = 'fr';
    this.links = null;
    this.problem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    const answer = await getPaymentLinks();
    if (answer.ok) this.links = answer.value.links;
    else this.problem = answer.code;
  }

  #card(link: PaymentLink) {
    const texts = TEXTS[this.lang];
    const price = link.amount === null ? texts.customerChooses : formatAmount(link.amount, link.currency, this.lang);
    const file = `qr-${link.productId ?? 'montant-libre'}.svg`;
    return html`<article class="card link" data-product=${link.productId ?? ''}>
      <h2>${link.designation}</h2>
      <p>${price}${link.hasFile ? html` · ${texts.withFile}` : nothing}</p>
      <img class="qr" src=${svgDataUrl(link.qrSvg)} alt=${texts.qrAlt(link.designation)} width="160" height="160" />
      <p><a href=${svgDataUrl(link.qrSvg)} download=${file}>${texts.qrDownload}</a></p>
      <dl>
        <dt>${texts.linkFrench}</dt>
        <dd><a href=${link.url} target="_blank" rel="noopener">${link.url}</a></dd>
        <dt>${texts.linkEnglish}</dt>
        <dd><a href=${link.urlEn} target="_blank" rel="noopener">${link.urlEn}</a></dd>
      </dl>
    </article>`;
  }

  override render() {
    const texts = TEXTS[this.lang];
    if (this.problem) return html`<p role="alert">${this.problem}</p>`;
    if (this.links === null) return html`<p class="muted">${texts.loading}</p>`;
    return html`<h2>${texts.links}</h2>
      <p class="muted">${texts.linksHelp}</p>
      <div class="grid">${this.links.map((link) => this.#card(link))}</div>`;
  }
}
