/**
 * Errors as values. Every boundary of the project (parsers, validators, the
 * CinetPay client, the routes) returns a `Result` instead of throwing, so that
 * each failure carries a stable code to the one place that turns it into a
 * wire answer.
 */

export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
