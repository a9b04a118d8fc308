import type { AuthUserAttribute } from '@plugboard/core';
import type { PluginRuntime } from '../PluginRuntime.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** The signed-in user's attributes, from the pool. */
export async function fetchUserAttributes(runtime: PluginRuntime): Promise<AuthUserAttribute[]> {
  const calls = requireCalls(runtime, 'fetching user attributes');
  const user = await calls.getUser(await currentAccessToken(runtime, 'fetchUserAttributes'));
  return user.attributes.map(({ name, value }) => Object.freeze({ key: name, value }));
}
