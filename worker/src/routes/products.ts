/**
 * `GET /api/products`: the public catalog, so that the widget can label its
 * button with the price, and whether checkout needs the payer's name and
 * email. Public and cacheable: every origin may read it.
 */

import type { ProductsResponse, PublicOpenAmount } from '../../../shared/api/contract';
import type { OpenAmount } from '../config';
import { customerRequired } from '../customer';
import { json, type Reply } from '../reply';
import type { RouteContext } from '../route-context';

const CACHE_SECONDS = 300;

function publicOpenAmount({ min, max, label, designations }: OpenAmount): PublicOpenAmount {
  return designations ? { min, max, label, designations } : { min, max, label };
}

export function products(_request: Request, { config }: RouteContext): Reply {
  const answer: ProductsResponse = {
    products: [...config.catalog.values()].map(({ id, amount, currency, designation }) => ({ id, amount, currency, designation })),
    customerRequired: customerRequired(config),
    ...(config.openAmount ? { openAmount: publicOpenAmount(config.openAmount) } : {}),
  };
  return json(answer, CACHE_SECONDS);
}
