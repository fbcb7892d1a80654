/**
 * Adds the download link to a paid order's public view (digital delivery):
 * only an ACCEPTED order sold with a file gets one (the file is kept with the
 * order, so a product taken off the catalog still delivers), and
 * only until DOWNLOAD_TTL after its payment. The link carries a token bound
 * to the order and that expiry (download-token.ts).
 */

import type { PublicOrder } from '../../shared/api/contract';
import type { Config, ProductFile } from './config';
import { downloadExpiry, downloadUrl } from './download-token';
import type { OrderDelivery } from './order-object';

/**
 * The file the order was sold with, as the order keeps it; for an order
 * stored before orders kept it, its catalog product's file, if it has one.
 */
export function orderFile({ productId, file }: Pick<OrderDelivery, 'productId' | 'file'>, config: Config): ProductFile | null {
  if (file !== null) return file;
  return productId === null ? null : (config.catalog.get(productId)?.file ?? null);
}

/** `order`, with `downloadUrl` when the customer may download now. */
export async function withDownload(delivery: OrderDelivery, config: Config, now: Date = new Date()): Promise<PublicOrder> {
  const { order } = delivery;
  if (order.status !== 'ACCEPTED' || order.paidAt === null || orderFile(delivery, config) === null) return order;
  const expiresAt = downloadExpiry(order.paidAt, config.downloads.ttlMs);
  if (expiresAt.getTime() <= now.getTime()) return order;
  return { ...order, downloadUrl: await downloadUrl(config.publicUrl, config.downloads.secret, order.transId, expiresAt) };
}
