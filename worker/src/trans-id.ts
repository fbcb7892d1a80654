/**
 * Transaction ids, made by the Worker and never by the client: the time in
 * milliseconds and six random digits, 19 digits in all. Digits only, like the
 * guide's samples and CinetPay's own SDK, so that no CinetPay service can
 * choke on them; sortable by creation time, which helps when reading logs.
 */

const RANDOM_DIGITS = 6;

export function newTransId(now: Date): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return `${now.getTime()}${String(random % 10 ** RANDOM_DIGITS).padStart(RANDOM_DIGITS, '0')}`;
}
