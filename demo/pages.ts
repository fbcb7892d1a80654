/**
 * The demo shop's ten pages, each with only what is its own: the shop
 * (demo/content/index.html and demo/content/en/index.html) and the four
 * pages the Worker sends customers back to, which differ only in their title
 * and heading. demo/layout.ts wraps each one in the shared head, header and
 * footer; scripts/build-widget.ts writes them to dist/site.
 */

import { readFileSync } from 'node:fs';
import { folder, home, LANGUAGES, type Lang, type Page, pageFile, RETURN_PAGE_NAMES, type ReturnPageName, renderPage } from './layout';

export interface BuiltPage {
  /** Relative to dist/site, e.g. `en/success.html`. */
  readonly file: string;
  readonly html: string;
}

const LANGS: readonly Lang[] = ['fr', 'en'];

const SHOP_TITLES: Readonly<Record<Lang, string>> = {
  fr: 'Boutique Akwaba — créations et saveurs d’Abidjan',
  en: 'Akwaba Shop — crafts and flavours from Abidjan',
};

/**
 * Each return page's title and first heading. shop.js replaces the heading
 * once `<cinetpay-status>` reports the verified status.
 */
const RETURN_PAGES: Readonly<Record<ReturnPageName, Readonly<Record<Lang, { readonly title: string; readonly heading: string }>>>> = {
  success: {
    fr: { title: 'Merci', heading: 'Merci pour votre achat' },
    en: { title: 'Thank you', heading: 'Thank you for your purchase' },
  },
  pending: {
    fr: { title: 'Paiement en cours', heading: 'Paiement en cours de validation' },
    en: { title: 'Payment pending', heading: 'Payment being confirmed' },
  },
  failure: {
    fr: { title: 'Paiement refusé', heading: 'Le paiement n’a pas abouti' },
    en: { title: 'Payment refused', heading: 'The payment did not go through' },
  },
  cancelled: {
    fr: { title: 'Paiement annulé', heading: 'Paiement annulé' },
    en: { title: 'Payment cancelled', heading: 'Payment cancelled' },
  },
};

function shopPage(lang: Lang): Page {
  const content = new URL(`./content/${folder(lang)}index.html`, import.meta.url);
  return { name: 'index', lang, title: SHOP_TITLES[lang], main: readFileSync(content, 'utf8') };
}

function returnPage(name: ReturnPageName, lang: Lang): Page {
  const { title, heading } = RETURN_PAGES[name][lang];
  const { shop, backToShop } = LANGUAGES[lang];
  const main = `  <main class="return">
    <h1>${heading}</h1>
    <cinetpay-status endpoint="/"></cinetpay-status>
    <a class="button-link" href="${home(lang)}">${backToShop}</a>
  </main>`;
  return { name, lang, title: `${title} — ${shop}`, main };
}

/** Every page of the demo shop, rendered. */
export function demoPages(): BuiltPage[] {
  const pages = LANGS.flatMap((lang) => [shopPage(lang), ...RETURN_PAGE_NAMES.map((name) => returnPage(name, lang))]);
  return pages.map((page) => ({ file: pageFile(page), html: renderPage(page) }));
}
