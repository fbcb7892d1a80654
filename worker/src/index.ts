/**
 * cinetpay-edge: the edge verifier Worker. It holds the CinetPay apikey,
 * signs payments, verifies every notification with `checkPayStatus`, and
 * fulfils each order exactly once through its `Order` Durable Object.
 *
 * Routes:
 *   POST /api/checkout              start a payment: the signed form fields
 *   GET  /api/products              the public catalog
 *   GET  /api/orders/:transId       an order's public status
 *   GET  /notify                    availability check for CinetPay
 *   POST /notify                    CinetPay's notification (notify_url)
 *   GET|POST /return?trans_id=      the customer back from CinetPay -> 303 to the shop
 *   GET|POST /cancel?trans_id=      the customer cancelled -> 303 to the shop
 *   GET  /admin/orders              (bearer) the KV index, by status, paged
 *   GET  /admin/orders/:transId     (bearer) full record and history
 *   POST /admin/orders/:transId/recheck (bearer) ask CinetPay again
 *   GET  /admin/balance             (bearer) getCompteStatus
 *   GET  /admin/transactions        (bearer) getTransHistory
 *   GET  /healthz                   configuration problems by setting name
 * Cron: re-checks PENDING orders (reconcile.ts).
 */

import { apiError, errorResponse } from './api-error';
import { readConfig } from './config';
import { reconcile } from './reconcile';
import { router } from './router';
import { healthy, misconfigured } from './routes/healthz';

export { Order } from './order-object';

export default {
  async fetch(request, env): Promise<Response> {
    const config = readConfig(env);
    if (new URL(request.url).pathname === '/healthz') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(apiError('METHOD_NOT_ALLOWED', 'Use GET, HEAD'), { allow: 'GET, HEAD' });
      return config.ok ? healthy() : misconfigured(config.error);
    }
    if (!config.ok) {
      const settings = config.error.map((problem) => problem.setting).join(', ');
      console.error(`misconfigured: ${settings}`);
      return errorResponse(apiError('CONFIGURATION_ERROR', `Misconfigured settings: ${settings}; see /healthz`));
    }
    return router.fetch(request, { env, config: config.value });
  },

  async scheduled(controller, env): Promise<void> {
    if (!readConfig(env).ok) return;
    await reconcile(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
