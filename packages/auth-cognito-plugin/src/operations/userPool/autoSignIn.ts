import { InvalidStateException, type AuthSignInResult } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { startSignIn } from './startSignIn.js';

/** How long a sign-up's credentials wait in memory for `autoSignIn()`. */
const AUTO_SIGN_IN_WINDOW_MS = 10 * 60_000;

interface Pending {
  readonly username: string;
  readonly password: string;
  confirmed: boolean;
  readonly until: number;
}

// Memory only, per configured plugin, never persisted or logged. Keyed by the configured user pool: each
// operation sees its own runtime object, but the user pool entry is the one `configure` built.
const pendingByPool = new WeakMap<object, Pending>();
const keyOf = (runtime: PluginRuntime): object => runtime.userPool ?? runtime;

export function rememberForAutoSignIn(
  runtime: PluginRuntime,
  username: string,
  password: string,
  confirmed: boolean,
): void {
  pendingByPool.set(keyOf(runtime), {
    username,
    password,
    confirmed,
    until: runtime.now() + AUTO_SIGN_IN_WINDOW_MS,
  });
}

export function markConfirmedForAutoSignIn(runtime: PluginRuntime, username: string): void {
  const pending = pendingByPool.get(keyOf(runtime));
  if (pending?.username === username) pending.confirmed = true;
}

/** Signs in the user of a confirmed `signUp(..., { autoSignIn: true })`; the credentials are then forgotten. */
export async function autoSignIn(runtime: PluginRuntime): Promise<AuthSignInResult> {
  const pending = pendingByPool.get(keyOf(runtime));
  if (!pending || !pending.confirmed || pending.until < runtime.now()) {
    throw new InvalidStateException(
      'There is no confirmed sign-up waiting for an automatic sign-in.',
      'Call signUp with { autoSignIn: true }, then confirmSignUp, within ten minutes; or call signIn.',
    );
  }
  const result = await startSignIn(runtime, {
    username: pending.username,
    password: pending.password,
    authFlowType: 'USER_SRP_AUTH',
    clientMetadata: undefined,
  });
  pendingByPool.delete(keyOf(runtime));
  return result;
}
