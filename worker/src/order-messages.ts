/**
 * What the return page's `<cinetpay-status>` tells the customer about an
 * order, in French and English: a title, an explanation and the reference
 * line, for each status. A refusal CinetPay explained (Annexe I, category
 * `refused`) starts with CinetPay's reason. `GET /api/orders/:transId`
 * carries it as `message`, in the language the request asked for, so the
 * widget ships none of these words.
 */

import type { OrderMessage, OrderStatus, PublicOrder } from '../../shared/api/contract';
import { responseCode } from '../../shared/cinetpay/response-codes';
import type { Language } from '../../shared/cinetpay/wire';

type StatusTexts = Readonly<Record<OrderStatus, { readonly title: string; readonly detail: string }>>;

const TEXTS: Readonly<Record<Language, StatusTexts & { readonly reference: string }>> = {
  fr: {
    ACCEPTED: { title: 'Paiement confirmé', detail: 'Merci ! Votre paiement a été vérifié auprès de CinetPay.' },
    PENDING: {
      title: 'Paiement en attente de confirmation',
      detail: 'Si ce n’est pas déjà fait, validez le paiement sur votre téléphone. Cette page se met à jour toute seule.',
    },
    REFUSED: { title: 'Paiement refusé', detail: 'Le paiement n’a pas abouti. Vous pouvez réessayer depuis la boutique.' },
    CANCELLED: { title: 'Paiement annulé', detail: 'Vous avez annulé le paiement. Vous pouvez reprendre vos achats quand vous le souhaitez.' },
    reference: 'Référence : ',
  },
  en: {
    ACCEPTED: { title: 'Payment confirmed', detail: 'Thank you! Your payment was verified with CinetPay.' },
    PENDING: { title: 'Payment awaiting confirmation', detail: 'If you have not done so yet, confirm the payment on your phone. This page updates by itself.' },
    REFUSED: { title: 'Payment refused', detail: 'The payment did not go through. You can try again from the shop.' },
    CANCELLED: { title: 'Payment cancelled', detail: 'You cancelled the payment. You can resume shopping whenever you like.' },
    reference: 'Reference: ',
  },
};

/** The words `<cinetpay-status>` shows for this order, in `lang`. */
export function orderMessage(order: PublicOrder, lang: Language): OrderMessage {
  const texts = TEXTS[lang];
  const { title, detail } = texts[order.status];
  const reason = order.status === 'REFUSED' && order.resultCode ? responseCode(order.resultCode) : undefined;
  return {
    title,
    detail: reason?.category === 'refused' ? `${reason.text[lang]} ${detail}` : detail,
    reference: `${texts.reference}${order.transId}`,
  };
}
