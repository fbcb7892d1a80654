/**
 * The bearer-token check of /admin/*. Both sides are hashed before a
 * constant-time comparison, so neither the token's content nor its length
 * leaks through timing.
 */

const encoder = new TextEncoder();

async function digest(text: string): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', encoder.encode(text));
}

/** True when the request carries `Authorization: Bearer <token>` with exactly this token. */
export async function isAuthorized(request: Request, token: string): Promise<boolean> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  const given = await digest(match?.[1] ?? '');
  const expected = await digest(token);
  return crypto.subtle.timingSafeEqual(given, expected) && match !== null;
}
