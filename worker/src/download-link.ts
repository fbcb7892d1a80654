/**
 * Adds the download link to a paid order's public view (digital delivery):
 * only an ACCEPTED order of a catalog product that has a file gets one, and
 * only until DOWNLOAD_TTL after its payment. The link carries a token bound
 * to the order and that expiry (download-token.ts).
 */

import type { PublicOrder } from '../../shared/api/contract';
import type { Config, ProductFile } from './config';
import { downloadExpiry, downloadUrl } from './download-token';
import type { OrderDelivery } from './order-object';

/** The product's file, if the order is of a catalog product that has one. */
export function orderFile(productId: string | null, config: Config): ProductFile | null {
  return productId === null ? null : (config.catalog.get(productId)?.file ?? null);
}

/** `order`, with `downloadUrl` when the customer may download now. */
export async function withDownload({ order, productId }: OrderDelivery, config: Config, now: Date = new Date()): Promise<PublicOrder> {
  if (order.status !== 'ACCEPTED' || order.paidAt === null || orderFile(productId, config) === null) return order;
  const expiresAt = downloadExpiry(order.paidAt, config.downloads.ttlMs);
  if (expiresAt.getTime() <= now.getTime()) return order;
  return { ...order, downloadUrl: await downloadUrl(config.publicUrl, config.downloads.secret, order.transId, expiresAt) };
}
