/**
 * `<cinetpay-console>`: the merchant console, the whole page at /admin/. It
 * asks the Worker whether this browser is signed in, shows the sign-in form
 * or the console, and routes by the URL's hash: `#/` the overview,
 * `#/orders?…` the list, `#/orders/<transId>` one order, `#/reconciliation?…`
 * CinetPay's transactions beside the orders, `#/links` the payment links
 * and their QR codes. The hash keeps
 * every view linkable with no server route per view. It switches between
 * French and English and remembers the choice.
 */

import { html, LitElement, nothing } from 'lit';
import { SESSION_LOST_EVENT, sessionStatus, signOut } from './api';
import { consoleStyles } from './styles';
import { initialLang, type Lang, saveLang, TEXTS } from './texts';

type View =
  | { readonly name: 'overview' }
  | { readonly name: 'orders'; readonly query: URLSearchParams }
  | { readonly name: 'order'; readonly transId: string }
  | { readonly name: 'reconciliation'; readonly query: URLSearchParams }
  | { readonly name: 'links' };

function viewFromHash(hash: string): View {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  const order = /^\/orders\/(\d{1,40})$/.exec(path);
  if (order?.[1]) return { name: 'order', transId: order[1] };
  if (path === '/orders') return { name: 'orders', query: new URLSearchParams(search) };
  if (path === '/reconciliation') return { name: 'reconciliation', query: new URLSearchParams(search) };
  if (path === '/links') return { name: 'links' };
  return { name: 'overview' };
}

export class CinetpayConsoleElement extends LitElement {
  static override styles = [consoleStyles];
  static override properties = { lang: { state: true }, signedIn: { state: true }, view: { state: true } };

  declare lang: Lang;
  /** `null` until the Worker has answered. */
  declare signedIn: boolean | null;
  declare view: View;

  readonly #onHash = (): void => {
    this.view = viewFromHash(location.hash);
  };

  readonly #onSessionLost = (): void => {
    this.signedIn = false;
  };

  constructor() {
    super();
    this.lang = initialLang();
    this.signedIn = null;
    this.view = viewFromHash(location.hash);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#onHash);
    window.addEventListener(SESSION_LOST_EVENT, this.#onSessionLost);
    document.documentElement.lang = this.lang;
    void sessionStatus().then((answer) => {
      this.signedIn = answer.ok;
    });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHash);
    window.removeEventListener(SESSION_LOST_EVENT, this.#onSessionLost);
    super.disconnectedCallback();
  }

  #switchLanguage(): void {
    this.lang = this.lang === 'fr' ? 'en' : 'fr';
    saveLang(this.lang);
    document.documentElement.lang = this.lang;
  }

  async #signOut(): Promise<void> {
    await signOut();
    this.signedIn = false;
  }

  #main() {
    switch (this.view.name) {
      case 'overview':
        return html`<console-overview .lang=${this.lang}></console-overview>`;
      case 'orders':
        return html`<console-orders .lang=${this.lang} .query=${this.view.query}></console-orders>`;
      case 'order':
        return html`<console-order .lang=${this.lang} trans-id=${this.view.transId}></console-order>`;
      case 'reconciliation':
        return html`<console-reconciliation .lang=${this.lang} .query=${this.view.query}></console-reconciliation>`;
      case 'links':
        return html`<console-links .lang=${this.lang}></console-links>`;
    }
  }

  override render() {
    const texts = TEXTS[this.lang];
    const current = (name: View['name']) => (this.view.name === name || (name === 'orders' && this.view.name === 'order') ? 'page' : nothing);
    return html`<header>
        <h1>${texts.title}</h1>
        <nav aria-label=${texts.title} class="row">
          ${this.signedIn ? html`<a href="#/" aria-current=${current('overview')}>${texts.overview}</a><a href="#/orders" aria-current=${current('orders')}>${texts.orders}</a><a href="#/reconciliation" aria-current=${current('reconciliation')}>${texts.reconciliation}</a><a href="#/links" aria-current=${current('links')}>${texts.links}</a>` : nothing}
          <button type="button" class="secondary" lang=${texts.languageCode} @click=${this.#switchLanguage}>${texts.language}</button>
          ${this.signedIn ? html`<button type="button" class="secondary" data-action="sign-out" @click=${this.#signOut}>${texts.signOut}</button>` : nothing}
        </nav>
      </header>
      <main>
        ${
          this.signedIn === null
            ? html`<p class="muted">${texts.loading}</p>`
            : this.signedIn
              ? this.#main()
              : html`<console-sign-in .lang=${this.lang} @console-signed-in=${() => {
                  this.signedIn = true;
                }}></console-sign-in>`
        }
      </main>`;
  }
}
