// The demo shop's only script (CSP script-src 'self': no inline script).
// - The donation form drives the open-amount button: the button itself says
//   when the amount is not one the shop accepts, and then shows no price.
// - The Worker sends every customer to /success.html and its siblings (one
//   set of return pages); the shop remembers the language of the page the
//   payment started from, in sessionStorage, and the French return pages
//   hand English customers over to /en/.
// - A return page's heading follows the verified status, so that a pending
//   payment that goes through reads "thank you" without a reload.
const LANG_KEY = 'cinetpay-demo-lang';
const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
const returnPage = document.documentElement.dataset.returnPage;

const HEADINGS = {
  fr: { ACCEPTED: 'Merci pour votre achat', PENDING: 'Paiement en cours de validation', REFUSED: 'Le paiement n’a pas abouti', CANCELLED: 'Paiement annulé' },
  en: {
    ACCEPTED: 'Thank you for your purchase',
    PENDING: 'Payment being confirmed',
    REFUSED: 'The payment did not go through',
    CANCELLED: 'Payment cancelled',
  },
};

document.addEventListener('cinetpay-checkout', () => {
  sessionStorage.setItem(LANG_KEY, lang);
});

if (returnPage) {
  const wanted = new URLSearchParams(location.search).get('lang') ?? sessionStorage.getItem(LANG_KEY);
  if (lang === 'fr' && wanted === 'en') location.replace(`/en/${returnPage}.html${location.search}`);
  // Switching language keeps the transaction.
  for (const link of document.querySelectorAll('a[hreflang]')) link.search = location.search;
  document.addEventListener('cinetpay-status', (event) => {
    const heading = HEADINGS[lang][event.detail.status];
    const h1 = document.querySelector('main h1');
    if (heading && h1) h1.textContent = heading;
  });
}

const amountInput = document.getElementById('donation-amount');
const donationButton = document.getElementById('donation-button');
if (amountInput instanceof HTMLInputElement && donationButton) {
  const sync = () => {
    donationButton.setAttribute('amount', amountInput.value.trim() === '' ? '0' : amountInput.value);
  };
  amountInput.addEventListener('input', sync);
  sync();
}
