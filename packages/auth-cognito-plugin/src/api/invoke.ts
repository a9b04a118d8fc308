import { InvalidStateException, type Logger } from '@plugboard/core';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import { notConfigured } from '../shared/errors.js';
import { deliver, requireCallbacks } from './callbacks.js';
import type { ConfiguredPlugin } from './createRuntime.js';
import type { AuthErrorCallback, EscapeHatch } from './options.js';

/** A prepared operation: `local` ones (no network) never wait behind network work. */
export interface Prepared<T> {
  readonly local: boolean;
  readonly run: (runtime: PluginRuntime) => Promise<T>;
  /** Work after the queued operation, outside the queue (e.g. ending the hosted-UI session). */
  readonly after?: (result: T) => Promise<T>;
}
export const network = <T>(run: (runtime: PluginRuntime) => Promise<T>): Prepared<T> => ({
  local: false,
  run,
});
export const local = <T>(run: (runtime: PluginRuntime) => Promise<T>): Prepared<T> => ({ local: true, run });

export function requireConfigured(configured: ConfiguredPlugin | undefined): ConfiguredPlugin {
  if (!configured) throw notConfigured();
  return configured;
}

/**
 * Runs `operation` after every operation called before it; a local one abandons the network operations
 * queued before it instead of waiting for them.
 */
export function perform<T>(configured: ConfiguredPlugin, method: string, operation: Prepared<T>): Promise<T> {
  const { machine, base } = configured;
  const task = (view: PluginRuntime['machine']): Promise<T> => operation.run({ ...base, machine: view });
  if (!operation.local) return machine.run(task);
  return machine.runLocal(
    task,
    () =>
      new InvalidStateException(
        `The operation was abandoned: ${method} ran while it waited for the network; nothing it received was stored.`,
        'Repeat the call if it is still needed.',
      ),
  );
}

/** The error of the operations a reset abandons. */
export function abandonedByReset(): InvalidStateException {
  return new InvalidStateException(
    'The auth plugin was reset before the operation completed; nothing it received was stored.',
    'Configure Amplify again and repeat the call if it is still needed.',
  );
}

/** The outcome of `work` in the style the caller chose: the promise, or the callbacks. */
export function respond<T>(
  work: () => Promise<T>,
  onSuccess: unknown,
  onError: unknown,
  method: string,
  logger: Logger,
): Promise<T> | void {
  if (onSuccess === undefined && onError === undefined) return work();
  requireCallbacks(onSuccess, onError, method);
  deliver(work(), onSuccess as (value: T) => void, onError as AuthErrorCallback, logger);
}

/** The loaded SDK clients, each only when its pool is configured and its client created. */
export function escapeHatchOf(configured: ConfiguredPlugin | undefined): EscapeHatch {
  const cognitoIdentityClient = configured?.sdkIdentityPool?.loadedClient;
  const cognitoIdentityProviderClient = configured?.sdkUserPool?.loadedClient;
  if (!cognitoIdentityClient && !cognitoIdentityProviderClient) {
    throw new InvalidStateException(
      'The AWS SDK clients are not loaded yet.',
      'Await plugin.loadEscapeHatch() first; the AWS SDK clients are loaded only when needed.',
    );
  }
  return {
    ...(cognitoIdentityClient ? { cognitoIdentityClient } : {}),
    ...(cognitoIdentityProviderClient ? { cognitoIdentityProviderClient } : {}),
  };
}
