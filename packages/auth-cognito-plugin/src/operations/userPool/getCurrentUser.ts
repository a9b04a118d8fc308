import { SignedOutException, type AuthUser } from '@plugboard/core';
import { refusal } from '../../session/guards.js';
import type { PluginRuntime } from '../PluginRuntime.js';

/** The signed-in user, from the stored session (no network call). */
export async function getCurrentUser(runtime: PluginRuntime): Promise<AuthUser> {
  const state = runtime.machine.state;
  const denied = refusal(state, 'getCurrentUser');
  if (denied) throw denied;
  if (state.kind !== 'signedIn') {
    throw new SignedOutException('There is no user signed in.', 'Call signIn first.');
  }
  return Object.freeze({ username: state.session.username, userId: state.session.userId });
}
