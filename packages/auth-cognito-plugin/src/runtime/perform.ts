import { InvalidStateException } from '@plugboard/core';
import type { PluginRuntime } from '../operations/PluginRuntime.js';
import type { ConfiguredPlugin, Prepared } from './createRuntime.js';

export type { Prepared } from './createRuntime.js';

/** The runtime of the configuration a call was made under; throws when there is none. */
export type RuntimeOf = () => ConfiguredPlugin;

export const network = <T>(run: (runtime: PluginRuntime) => Promise<T>): Prepared<T> => ({
  local: false,
  run,
});
export const local = <T>(run: (runtime: PluginRuntime) => Promise<T>): Prepared<T> => ({ local: true, run });

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
