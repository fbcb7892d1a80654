/**
 * Per-client rate limits, through Cloudflare's rate-limiting bindings
 * (wrangler.toml `[[ratelimits]]`). The client is its IP as Cloudflare saw
 * it; a key may add what it limits (an order), so that one busy client of
 * many orders, CinetPay's notifier above all, is never refused for another
 * order's traffic.
 */

/** True when this client has spent its allowance for `scope`. */
export async function overLimit(limiter: RateLimit, request: Request, scope = ''): Promise<boolean> {
  const client = request.headers.get('cf-connecting-ip') ?? 'local';
  const { success } = await limiter.limit({ key: scope === '' ? client : `${client} ${scope}` });
  return !success;
}
