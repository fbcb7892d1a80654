// The demo shop's only script (CSP script-src 'self': no inline script).
// - The donation form drives the open-amount button: the button itself says
//   when the amount is not one the shop accepts, and then shows no price.
// - The Worker sends every customer to /success.html and its siblings (one
//   set of return pages); the shop remembers the language of the page the
//   payment started from, in sessionStorage, and the French return pages
//   hand English customers over to /en/.
// - A return page's heading follows the verified status, so that a pending
//   payment that goes through reads "thank you" without a reload.
// - Where the Worker's API needs the payer's name and email (CinetPay's 2026
//   API; the catalog says so), the shop shows its "your details" form and
//   copies it into every button's customer-* attributes.
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

const customerSection = document.getElementById('customer');
const customerForm = document.getElementById('customer-form');
if (customerSection && customerForm instanceof HTMLFormElement) {
  const syncCustomer = () => {
    for (const button of document.querySelectorAll('cinetpay-button')) {
      for (const input of customerForm.elements) {
        if (!(input instanceof HTMLInputElement)) continue;
        const value = input.value.trim();
        // Left out when blank: the Worker then asks for it, in the customer's language.
        if (value === '') button.removeAttribute(`customer-${input.name}`);
        else button.setAttribute(`customer-${input.name}`, value);
      }
    }
  };
  customerForm.addEventListener('input', syncCustomer);
  fetch('/api/products')
    .then((response) => response.json())
    .then((catalog) => {
      if (catalog.customerRequired !== true) return;
      customerSection.hidden = false;
      syncCustomer();
    })
    // No catalog: the buttons say the Worker cannot be reached, the form stays hidden.
    .catch(() => undefined);
}
