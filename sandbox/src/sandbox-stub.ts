/**
 * How the Worker reaches its state: one SandboxState instance, named
 * `sandbox`, for the whole sandbox, so that every request (API, hosted page,
 * control) sees the same transactions, faults and notifications.
 */

import type { SandboxState } from './sandbox-state';

export type SandboxStub = DurableObjectStub<SandboxState>;

export const STATE_NAME = 'sandbox';

export function sandboxStub(env: SandboxEnv): SandboxStub {
  return env.STATE.get(env.STATE.idFromName(STATE_NAME));
}
