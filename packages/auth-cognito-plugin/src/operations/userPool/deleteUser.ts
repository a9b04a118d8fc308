import { SignedOutException } from '@plugboard/core';
import { refusal } from '../../session/guards.js';
import { requireUserPool, type PluginRuntime } from '../PluginRuntime.js';

/** Deletes the signed-in user at the service, then forgets the session and publishes USER_DELETED. */
export async function deleteUser(runtime: PluginRuntime): Promise<void> {
  const state = runtime.machine.state;
  const denied = refusal(state, 'deleteUser');
  if (denied) throw denied;
  if (state.kind !== 'signedIn') {
    throw new SignedOutException('There is no user signed in to delete.', 'Sign in first.');
  }
  await requireUserPool(runtime).service.deleteUser(state.session.tokens.accessToken);
  await runtime.machine.dispatch({ type: 'userDeleted' });
}
