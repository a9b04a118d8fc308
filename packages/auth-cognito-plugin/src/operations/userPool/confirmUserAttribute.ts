import type { PluginRuntime } from '../PluginRuntime.js';
import { currentAccessToken, requireCalls } from './userPoolCalls.js';

/** Verifies an attribute (e.g. a changed email) with the code the pool sent. */
export async function confirmUserAttribute(runtime: PluginRuntime, key: string, code: string): Promise<void> {
  const calls = requireCalls(runtime, 'confirming an attribute');
  await calls.verifyUserAttribute(await currentAccessToken(runtime, 'confirmUserAttribute'), key, code);
}
