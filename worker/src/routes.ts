/**
 * The route table: every path the Worker answers, one entry per method.
 * The router derives the rest from it (OPTIONS by the CORS policy, HEAD for
 * every GET, 405 with `Allow`), so adding a route is adding one line here.
 */

import type { CorsPolicy, Reply } from './reply';
import type { Handler } from './route-context';
import { balance, getOrder, recheckOrder, resendPaid, transactions } from './routes/admin';
import { exportOrders, getOverview, listOrders } from './routes/admin-orders';
import { paymentLinks } from './routes/admin-products';
import { reconciliation } from './routes/admin-reconciliation';
import { sessionStatus, signIn, signOut } from './routes/admin-session';
import { checkout } from './routes/checkout';
import { consolePage } from './routes/console-page';
import { download } from './routes/download';
import { healthz } from './routes/healthz';
import { notify, notifyPing } from './routes/notify';
import { orderStatus } from './routes/orders';
import { openLink, payOpen, payProduct, productLink } from './routes/pay';
import { products } from './routes/products';
import { receipt } from './routes/receipt';
import { cancelToShop, returnToShop } from './routes/return';

interface RouteBase {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly cors: CorsPolicy;
  /** `admin`: the bearer token or the console's session is checked before the handler runs (admin-auth.ts). */
  readonly auth?: 'admin';
}

/**
 * A route's handler gets the validated configuration; `/healthz` alone takes
 * the bare bindings, since it answers even when the configuration is invalid
 * (saying why is its job).
 */
export type Route = RouteBase & ({ readonly handler: Handler } | { readonly unconfigured: (request: Request, env: Env) => Reply });

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/api/checkout', handler: checkout, cors: 'shop' },
  { method: 'GET', path: '/api/products', handler: products, cors: 'public' },
  { method: 'GET', path: '/api/orders/:transId', handler: orderStatus, cors: 'shop' },
  { method: 'GET', path: '/notify', handler: notifyPing, cors: 'none' },
  { method: 'POST', path: '/notify', handler: notify, cors: 'none' },
  { method: 'GET', path: '/return', handler: returnToShop, cors: 'none' },
  { method: 'POST', path: '/return', handler: returnToShop, cors: 'none' },
  { method: 'GET', path: '/cancel', handler: cancelToShop, cors: 'none' },
  { method: 'POST', path: '/cancel', handler: cancelToShop, cors: 'none' },
  { method: 'GET', path: '/receipt/:transId', handler: receipt, cors: 'none' },
  { method: 'GET', path: '/pay', handler: openLink, cors: 'none' },
  { method: 'POST', path: '/pay', handler: payOpen, cors: 'none' },
  { method: 'GET', path: '/pay/:product', handler: productLink, cors: 'none' },
  { method: 'POST', path: '/pay/:product', handler: payProduct, cors: 'none' },
  { method: 'GET', path: '/download/:transId', handler: download, cors: 'none' },
  { method: 'GET', path: '/admin', handler: consolePage, cors: 'none' },
  { method: 'POST', path: '/admin/session', handler: signIn, cors: 'none' },
  { method: 'GET', path: '/admin/session', handler: sessionStatus, cors: 'none', auth: 'admin' },
  { method: 'DELETE', path: '/admin/session', handler: signOut, cors: 'none' },
  { method: 'GET', path: '/admin/orders', handler: listOrders, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/orders.csv', handler: exportOrders, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/orders/:transId', handler: getOrder, cors: 'none', auth: 'admin' },
  { method: 'POST', path: '/admin/orders/:transId/recheck', handler: recheckOrder, cors: 'none', auth: 'admin' },
  { method: 'POST', path: '/admin/orders/:transId/resend', handler: resendPaid, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/products', handler: paymentLinks, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/overview', handler: getOverview, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/balance', handler: balance, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/transactions', handler: transactions, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/admin/reconciliation', handler: reconciliation, cors: 'none', auth: 'admin' },
  { method: 'GET', path: '/healthz', unconfigured: healthz, cors: 'none' },
];
