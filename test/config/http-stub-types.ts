/**
 * The shapes the HTTP stub of the client tests speaks, shared by its server
 * (http-stub-setup.ts, in Node) and its test-side helpers (in workerd).
 */

/** One scripted answer, used by the next request the stub receives. */
export interface StubAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
  readonly delayMs?: number;
}

/** One request as the stub received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}
