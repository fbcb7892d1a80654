/**
 * The CinetPay sandbox Worker: a local emulator of CinetPay's API (v1,
 * checkout v2 and the 2026 API) and hosted payment page, with a control API for tests. Never
 * deployed.
 *
 * Routes:
 *   POST /v1/?method=NAME (also /v1)   the API: getSignatureByPost, checkPayStatus,
 *                                      getTransHistory, getCompteStatus (api-routes.ts)
 *   POST /v2/payment                   checkout v2: create a payment, answer its payment_url (v2-api.ts)
 *   POST /v2/payment/check             checkout v2: a transaction's status
 *   GET  /v2/pay/:token                the hosted page a v2 (or 2026) payment_url opens
 *   POST /v1/oauth/login               the 2026 API: a bearer token with expires_in (api2026.ts)
 *   POST /v1/payment                   the 2026 API: create a payment (payment_url, notify_token)
 *   GET  /v1/payment/:id               the 2026 API: a payment's status
 *   GET  /v1/balances                  the 2026 API: the available balance
 *   GET  /                             what this origin is
 *   POST /                             the hosted payment page (hosted-page.ts)
 *   POST /pay                          a button of the page: outcome, notification, return
 *   GET  /__sandbox/                   dashboard (HTML)
 *   POST /__sandbox/reset              forget everything
 *   GET  /__sandbox/transactions[/:transId]
 *   POST /__sandbox/transactions/:transId/outcome   {"outcome","paymentMethod"?,"notifications"?}
 *   POST /__sandbox/transactions/:transId/notify    {"count"}
 *   GET|POST|DELETE /__sandbox/faults  {"method"|"target","fault","count","delayMs"?}
 *   GET|POST /__sandbox/webhook        a receiver for the Worker's fulfilment webhooks
 *   POST /__sandbox/telegram/bot<token>/sendMessage, /__sandbox/slack/*, /__sandbox/discord/*
 *                                      stand-ins for the chat services of the paid-order notices
 *   GET  /__sandbox/chat               what those got
 *   GET  /__sandbox/notifications?trans_id=...[&wait=settled]
 *   GET  /__sandbox/stats              calls per API method and webhook deliveries received
 * (control-routes.ts; bodies and answers in sandbox/README.md)
 */

import { type IRequestStrict, Router } from 'itty-router';
import { handleApi } from './api-routes';
import { handleApi2026 } from './api2026';
import { sandboxConfig } from './config';
import { controlRouter } from './control-routes';
import { handleHostedPage, handlePay, handleV2PaymentPage } from './hosted-page';
import { landingPage } from './hosted-page-html';
import { htmlResponse } from './html';
import { controlError } from './http';
import { type SandboxStub, sandboxStub } from './sandbox-stub';
import { handleV2Api } from './v2-api';

export { SandboxState } from './sandbox-state';

const control = controlRouter();

const router = Router<IRequestStrict, [SandboxEnv, SandboxStub], Response | undefined>()
  .post('/v1/oauth/login', (request, env, state) => handleApi2026(request, '2026/login', env, state))
  .post('/v1/payment', (request, env, state) => handleApi2026(request, '2026/payment', env, state))
  .get('/v1/payment/:id', (request, env, state) => handleApi2026(request, '2026/status', env, state, request.params['id'] ?? ''))
  .get('/v1/balances', (request, env, state) => handleApi2026(request, '2026/balances', env, state))
  .post('/v1', (request, env, state) => handleApi(request, env, state))
  .all('/v1', () => new Response('The CinetPay API takes POST only', { status: 405, headers: { allow: 'POST' } }))
  .get('/', (_request, env) => {
    const config = sandboxConfig(env);
    return htmlResponse(landingPage(config.siteName, config.siteId));
  })
  .post('/v2/payment', (request, env, state) => handleV2Api(request, 'payment', env, state))
  .post('/v2/payment/check', (request, env, state) => handleV2Api(request, 'payment/check', env, state))
  .get('/v2/pay/:token', (request, env, state) => handleV2PaymentPage(request.params['token'] ?? '', env, state))
  .post('/', (request, env, state) => handleHostedPage(request, env, state))
  .post('/pay', (request, _env, state) => handlePay(request, state))
  .all('/__sandbox/*', (request, env, state) => control.fetch(request, env, state));

export default {
  async fetch(request, env): Promise<Response> {
    try {
      const response = await router.fetch(request, env, sandboxStub(env));
      return response ?? new Response('Not found. See sandbox/README.md for the routes.', { status: 404 });
    } catch (error) {
      // A bug, not a CinetPay behaviour: say so plainly, keep the detail in the log.
      console.error('[sandbox] internal error', error instanceof Error ? (error.stack ?? error.message) : String(error));
      return controlError(500, 'INTERNAL_ERROR', 'The sandbox failed; see its log');
    }
  },
} satisfies ExportedHandler<SandboxEnv>;
