import { AuthException, NetworkException, type AuthSignOutResult } from '@plugboard/core';
import { toAuthException } from '../../model/toAuthException.js';
import { refusal } from '../../session/guards.js';
import type { PluginRuntime } from '../PluginRuntime.js';

/**
 * Signs out. Local sign-out only forgets the session. Global sign-out first revokes the tokens at the
 * service (GlobalSignOut, or RevokeToken where GlobalSignOut is not offered); whatever the service
 * answers, the local session is then forgotten, and the result says whether the revocation completed.
 */
export async function signOut(runtime: PluginRuntime, global: boolean): Promise<AuthSignOutResult> {
  const state = runtime.machine.state;
  const denied = refusal(state, 'signOut');
  if (denied) throw denied;
  if (state.kind !== 'signedIn') return Object.freeze({ signedOutLocally: true });
  const revocation = global ? await revoke(runtime, state.session.tokens) : undefined;
  await runtime.machine.dispatch({ type: 'signedOut' });
  return Object.freeze({
    signedOutLocally: true,
    ...(revocation ? { globalSignOut: Object.freeze(revocation) } : {}),
  });
}

async function revoke(
  runtime: PluginRuntime,
  tokens: { readonly accessToken: string; readonly refreshToken: string },
): Promise<{ completed: boolean; error?: AuthException }> {
  const service = runtime.userPool?.service;
  if (!service) return { completed: false };
  try {
    await service.globalSignOut(tokens.accessToken);
    return { completed: true };
  } catch (error) {
    if (error instanceof NetworkException) {
      runtime.logger.warn('Global sign-out could not reach the user pool; signing out locally only.', error);
      return { completed: false, error };
    }
    runtime.logger.info('GlobalSignOut was refused; revoking the refresh token instead.', error);
  }
  try {
    await service.revokeToken(tokens.refreshToken);
    return { completed: true };
  } catch (error) {
    runtime.logger.warn('Revoking the tokens failed; signing out locally only.', error);
    return { completed: false, error: toAuthException(error) };
  }
}
