import { InvalidStateException, SignedOutException } from '@plugboard/core';
import type { UserPoolCalls } from '../../clients/userPool/UserPoolCalls.js';
import { freshness } from '../../session/freshness.js';
import { fetchSession } from '../session/fetchSession.js';
import { requireUserPool, type PluginRuntime } from '../PluginRuntime.js';

/** The user-pool calls of the configured service; an injected service without them cannot do this. */
export function requireCalls(runtime: PluginRuntime, what: string): UserPoolCalls {
  const calls = requireUserPool(runtime).service.calls;
  if (!calls) {
    throw new InvalidStateException(
      `The user-pool service passed to the plugin cannot do ${what}.`,
      'Implement UserPoolService.calls in the injected userPoolService, or leave userPoolService out to use the AWS SDK.',
    );
  }
  return calls;
}

/** A fresh access token of the signed-in user (refreshed first when about to expire). */
export async function currentAccessToken(runtime: PluginRuntime, what: string): Promise<string> {
  let state = runtime.machine.state;
  if (state.kind === 'signedIn' && freshness(state, runtime.now(), runtime.margin).tokens !== 'fresh') {
    await fetchSession(runtime, false);
    state = runtime.machine.state;
  }
  if (state.kind !== 'signedIn') {
    throw new SignedOutException(`${what} needs a signed-in user-pool user.`, 'Call signIn first.');
  }
  return state.session.tokens.accessToken;
}
