/**
 * The route table. Each path answers its methods, 405 for the others (with
 * `Allow`), and anything else is a 404 JSON error; an exception becomes a
 * 500 JSON error whose log line names the failure, never a stack trace in the
 * answer.
 */

import { type IRequest, Router } from 'itty-router';
import { apiError, errorResponse } from './api-error';
import { preflight } from './cors';
import type { RouteContext } from './route-context';
import { balance, getOrder, listOrders, recheckOrder, requireAdmin, transactions } from './routes/admin';
import { checkout } from './routes/checkout';
import { notify, notifyPing } from './routes/notify';
import { orderStatus } from './routes/orders';
import { products } from './routes/products';
import { cancelToShop, returnToShop } from './routes/return';

function notAllowed(allow: string): () => Response {
  return () => errorResponse(apiError('METHOD_NOT_ALLOWED', `Use ${allow}`), { allow });
}

function productsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-max-age': '600' },
  });
}

export const router = Router<IRequest, [RouteContext]>({
  catch: (error) => {
    console.error(`unhandled ${error instanceof Error ? `${error.name}: ${error.message}` : 'error'}`);
    return errorResponse(apiError('INTERNAL_ERROR', 'Something went wrong on our side; nothing was charged'));
  },
});

router
  .options('/api/checkout', (request, { config }) => preflight(request, config, 'POST, OPTIONS'))
  .post('/api/checkout', checkout)
  .all('/api/checkout', notAllowed('POST, OPTIONS'))
  .options('/api/products', productsPreflight)
  .get('/api/products', products)
  .all('/api/products', notAllowed('GET, OPTIONS'))
  .options('/api/orders/:transId', (request, { config }) => preflight(request, config, 'GET, OPTIONS'))
  .get('/api/orders/:transId', orderStatus)
  .all('/api/orders/:transId', notAllowed('GET, OPTIONS'))
  .get('/notify', notifyPing)
  .post('/notify', notify)
  .all('/notify', notAllowed('GET, POST'))
  .get('/return', returnToShop)
  .post('/return', returnToShop)
  .all('/return', notAllowed('GET, POST'))
  .get('/cancel', cancelToShop)
  .post('/cancel', cancelToShop)
  .all('/cancel', notAllowed('GET, POST'))
  .all('/admin/*', requireAdmin)
  .get('/admin/orders', listOrders)
  .all('/admin/orders', notAllowed('GET'))
  .get('/admin/orders/:transId', getOrder)
  .all('/admin/orders/:transId', notAllowed('GET'))
  .post('/admin/orders/:transId/recheck', recheckOrder)
  .all('/admin/orders/:transId/recheck', notAllowed('POST'))
  .get('/admin/balance', balance)
  .all('/admin/balance', notAllowed('GET'))
  .get('/admin/transactions', transactions)
  .all('/admin/transactions', notAllowed('GET'))
  .all('*', () => errorResponse(apiError('NOT_FOUND', 'No such route')));
