/**
 * `GET /admin/products` (admin): each catalog product's payment link, in
 * French and English, with its QR code as SVG, and the open-amount link when
 * the merchant takes open amounts. The console shows them to copy and print.
 */

import type { PaymentLink, PaymentLinksResponse } from '../../../shared/api/admin';
import type { Config } from '../config';
import { payPath } from '../pay-pages';
import { qrSvg } from '../qr-svg';
import { json, type Reply } from '../reply';
import type { RouteContext } from '../route-context';

function link(config: Config, productId: string | null, designation: string, amount: number | null, currency: string, hasFile: boolean): PaymentLink {
  const url = `${config.publicUrl}${payPath(productId, 'fr')}`;
  return { productId, designation, amount, currency, hasFile, url, urlEn: `${config.publicUrl}${payPath(productId, 'en')}`, qrSvg: qrSvg(url) };
}

export function paymentLinks(_request: Request, { config }: RouteContext): Reply {
  const links = [...config.catalog.values()].map((product) =>
    link(config, product.id, product.designation, product.amount, product.currency, product.file !== null),
  );
  if (config.openAmount) links.push(link(config, null, config.openAmount.label.replace(/\s*:\s*$/, ''), null, 'CFA', false));
  const answer: PaymentLinksResponse = { links };
  return json(answer);
}
