/**
 * The one narrowing from `unknown` to a plain object that every decoder in
 * the project starts with (JSON bodies, settings, control requests).
 */

/** True for a non-null object that is not an array. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
