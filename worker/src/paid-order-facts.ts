/**
 * What a person is told about a paid order, in French or English: the
 * labelled facts that the paid-order notices and the receipt both show, so
 * that the merchant's message and the customer's receipt never disagree on
 * a label, an amount or a date. Pure: no I/O, no HTML.
 */

import type { Language } from '../../shared/cinetpay/wire';
import { formatAmount } from '../../shared/format';
import type { ReceiptOrder } from './order-record';

/** One line: `Montant` — `5 000 F CFA`; `key` says which, whatever the language. */
export interface Fact {
  readonly key: FactKey;
  readonly label: string;
  readonly value: string;
}

/** The operators CinetPay names by code in `payment_method`; an unknown code is shown as it came. */
const PAYMENT_METHOD_NAMES: Readonly<Record<string, string>> = {
  OM: 'Orange Money',
  OMCI: 'Orange Money',
  MOMO: 'MTN Mobile Money',
  MOMOCI: 'MTN Mobile Money',
  FLOOZ: 'Moov Money (Flooz)',
  WAVE: 'Wave',
};

export const FACT_LABELS = {
  fr: {
    designation: 'Article',
    amount: 'Montant',
    paidAt: 'Date',
    method: 'Moyen de paiement',
    transId: 'Transaction',
    payId: 'Référence CinetPay',
    payerPhone: 'Téléphone du payeur',
  },
  en: {
    designation: 'Item',
    amount: 'Amount',
    paidAt: 'Date',
    method: 'Payment method',
    transId: 'Transaction',
    payId: 'CinetPay reference',
    payerPhone: "Payer's phone",
  },
} as const satisfies Record<Language, Record<string, string>>;

export type FactKey = keyof (typeof FACT_LABELS)['fr'];

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * `29/11/2026 à 09:14 UTC` or `29 Nov 2026, 09:14 UTC`. UTC is said, not
 * converted: CinetPay's markets span UTC and UTC+1, and the Worker cannot
 * know which one the reader is in.
 */
function formatTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
  return lang === 'fr'
    ? `${twoDigits(date.getUTCDate())}/${twoDigits(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} à ${time}`
    : `${date.getUTCDate()} ${MONTHS_EN[date.getUTCMonth()] ?? ''} ${date.getUTCFullYear()}, ${time}`;
}

/** `OM` -> `Orange Money (OM)`; the code stays visible, as CinetPay's back office shows it. */
function paymentMethodName(code: string | null): string {
  if (code === null || code === '') return '—';
  const name = PAYMENT_METHOD_NAMES[code.toUpperCase()];
  return name === undefined ? code : `${name} (${code})`;
}

/** The facts of a paid order, in order; the payer's phone only when given (the merchant's notices, if turned on). */
export function paidOrderFacts(order: ReceiptOrder, lang: Language, payerPhone: string | null = null): Fact[] {
  const fact = (key: FactKey, value: string): Fact => ({ key, label: FACT_LABELS[lang][key], value });
  const facts: Fact[] = [
    fact('designation', order.designation),
    fact('amount', formatAmount(order.amount, order.currency, lang)),
    fact('paidAt', formatTime(order.paidAt ?? order.updatedAt, lang)),
    fact('method', paymentMethodName(order.paymentMethod)),
    fact('transId', order.transId),
  ];
  if (order.payId) facts.push(fact('payId', order.payId));
  if (payerPhone) facts.push(fact('payerPhone', payerPhone));
  return facts;
}
