/**
 * cinetpay-edge: the edge verifier Worker. It holds the CinetPay apikey,
 * signs payments, verifies every notification with `checkPayStatus`, and
 * fulfils each order exactly once through its `Order` Durable Object, which
 * also announces each paid order on the merchant's channels (email,
 * Telegram, Slack, Discord).
 *
 * Routes (routes.ts holds the table):
 *   POST /api/checkout              start a payment: the signed form fields
 *   GET  /api/products              the public catalog
 *   GET  /api/orders/:transId       an order's public status
 *   GET  /notify                    availability check for CinetPay
 *   POST /notify                    CinetPay's notification (notify_url)
 *   GET|POST /return?trans_id=      the customer back from CinetPay -> 303 to the shop
 *   GET|POST /cancel?trans_id=      the customer cancelled -> 303 to the shop
 *   GET  /receipt/:transId          the customer's printable receipt (HTML, fr/en), or where the payment stands
 *   GET|POST /pay/:product          payment link: a product's page, then CinetPay's form (no JavaScript needed)
 *   GET|POST /pay                   payment link for an open amount, when OPEN_AMOUNT is enabled
 *   GET  /download/:transId?token=  a paid order's file (digital delivery), from R2
 *   GET  /admin/                    the merchant console's page (its script is the asset /admin/console.js)
 *   POST|GET|DELETE /admin/session  console sign-in (ADMIN_TOKEN -> session cookie), status, sign-out
 *   GET  /admin/orders              (admin) the D1 index, filtered, newest first, keyset paging
 *   GET  /admin/orders.csv          (admin) the same selection as CSV
 *   GET  /admin/orders/:transId     (admin) full record and timeline
 *   POST /admin/orders/:transId/recheck (admin) ask CinetPay again
 *   POST /admin/orders/:transId/resend  (admin) send order.paid again, same webhook-id
 *   GET  /admin/products            (admin) each product's payment link and QR code (SVG)
 *   GET  /admin/overview            (admin) 30 days of sums: revenue per day, status, products, methods
 *   GET  /admin/balance             (admin) the merchant's balances
 *   GET  /admin/transactions        (admin) the merchant's transaction history
 *   GET  /healthz                   configuration problems by setting name
 * No cron: each unfinished order re-checks itself by alarm (order-object.ts).
 */

import { router } from './router';

export { Order } from './order-object';

export default {
  fetch: (request, env): Promise<Response> => router.fetch(request, env),
} satisfies ExportedHandler<Env>;
