/**
 * The one template of the demo shop: the head, the demo banner, the header
 * with its language switch and the footer that every page shares, with the
 * words that change between French and English. A page brings only its name,
 * its language, its title and its `<main>` (demo/pages.ts); the build writes
 * the result to dist/site, so a change to the header is one edit here.
 */

export type Lang = 'fr' | 'en';

/** The pages the Worker sends customers back to (its SUCCESS_URL, PENDING_URL, FAILURE_URL and CANCEL_URL). */
export const RETURN_PAGE_NAMES = ['success', 'pending', 'failure', 'cancelled'] as const;
export type ReturnPageName = (typeof RETURN_PAGE_NAMES)[number];
export type PageName = 'index' | ReturnPageName;

interface LanguageStrings {
  /** The language's name, in that language, for the language switch. */
  readonly name: string;
  readonly shop: string;
  readonly banner: string;
  readonly switchLabel: string;
  readonly footer: string;
  /** The return pages' link back to the shop. */
  readonly backToShop: string;
}

export const LANGUAGES: Readonly<Record<Lang, LanguageStrings>> = {
  fr: {
    name: 'Français',
    shop: 'Boutique Akwaba',
    banner: 'Démo locale : les paiements passent par le bac à sable CinetPay, aucun argent réel n’est débité.',
    switchLabel: 'Langue',
    footer: 'Boutique Akwaba · Abidjan, Côte d’Ivoire · Paiements par CinetPay',
    backToShop: 'Retour à la boutique',
  },
  en: {
    name: 'English',
    shop: 'Akwaba Shop',
    banner: 'Local demo: payments go through the CinetPay sandbox, no real money is charged.',
    switchLabel: 'Language',
    footer: 'Akwaba Shop · Abidjan, Côte d’Ivoire · Payments by CinetPay',
    backToShop: 'Back to the shop',
  },
};

export interface Page {
  readonly name: PageName;
  readonly lang: Lang;
  readonly title: string;
  /** The page's `<main>` element, indented as a child of `<body>`. */
  readonly main: string;
}

const OTHER: Readonly<Record<Lang, Lang>> = { fr: 'en', en: 'fr' };

/** A language's folder in dist/site: French at the root, English under en/. */
export function folder(lang: Lang): string {
  return lang === 'en' ? 'en/' : '';
}

export function home(lang: Lang): string {
  return `/${folder(lang)}`;
}

/** Where a page is served; `index` is its folder's own URL. */
export function pageUrl(name: PageName, lang: Lang): string {
  return name === 'index' ? home(lang) : `${home(lang)}${name}.html`;
}

/** The file under dist/site that serves `pageUrl(page.name, page.lang)`. */
export function pageFile(page: Page): string {
  return `${folder(page.lang)}${page.name}.html`;
}

/** The whole document. Every string goes in as it is: it is HTML written in demo/, never input. */
export function renderPage(page: Page): string {
  const own = LANGUAGES[page.lang];
  const other = OTHER[page.lang];
  // shop.js reads `data-return-page` to recognise a return page.
  const returnPage = page.name === 'index' ? '' : ` data-return-page="${page.name}"`;
  return `<!doctype html>
<html lang="${page.lang}"${returnPage}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${page.title}</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/shop.css">
  <script src="/assets/shop.js" defer></script>
  <script type="module" src="/${page.name === 'index' ? 'cinetpay-button' : 'cinetpay-status'}.js"></script>
</head>
<body>
  <p class="demo-banner">${own.banner}</p>
  <header class="site-header">
    <div class="inner">
      <a class="brand" href="${home(page.lang)}"><svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8" fill="#c2410c"/><path d="M9 22V10l7 6 7-6v12" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg><span>${own.shop}</span></a>
      <nav aria-label="${own.switchLabel}">
        <ul class="lang-switch">
          <li><span aria-current="page">${own.name}</span></li>
          <li><a href="${pageUrl(page.name, other)}" hreflang="${other}" lang="${other}">${LANGUAGES[other].name}</a></li>
        </ul>
      </nav>
    </div>
  </header>
${page.main.trimEnd()}
  <footer class="site-footer">
    <div class="inner">${own.footer}</div>
  </footer>
</body>
</html>
`;
}
