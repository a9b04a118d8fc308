import type { ConfiguredPlugin } from '../runtime/createRuntime.js';
import type { LoadedCode } from '../runtime/load.js';
import type { UserPoolMethodName } from '../runtime/userPoolMethods.js';

/** The runtime of the configuration a call was made under; throws when there is none. */
export type RuntimeOf = () => ConfiguredPlugin;

/** What a checked call does once its code has loaded. */
export type Work = (code: LoadedCode, runtime: RuntimeOf, method: string) => Promise<unknown>;

/** How many of a call's arguments are positional (see `Method.arity`). */
export type Arity = number | null | ((args: readonly unknown[]) => number);

/** The number of positional arguments of a call (null: one argument, promise only). */
export const positionalCount = (arity: Arity, args: readonly unknown[]): number | null =>
  typeof arity === 'function' ? arity(args) : arity;

/** One method of the plugin: how it is called, what it checks, what it runs, which code it needs. */
export interface Method {
  /**
   * Positional arguments before the options and callbacks; null: one argument, promise only; a function:
   * the count read from the arguments (a method with two forms, e.g. a record or positional values).
   */
  readonly arity: Arity;
  /** Runs user-pool or hosted-UI code (the second load). */
  readonly userPool: boolean;
  /** Checks the positional arguments and options (before any load or request) and returns the work. */
  readonly check: (positional: readonly unknown[], options: unknown) => Work;
}

export const core = (arity: number, check: Method['check']): Method => ({ arity, userPool: false, check });

/** A method of the user-pool side with code of its own there (hosted UI): checks here, work there. */
export const withUserPool = (arity: Arity, check: Method['check']): Method => ({
  arity,
  userPool: true,
  check,
});

/**
 * A user-pool method: its argument check and operation are the user-pool side's
 * (`runtime/userPoolMethods.ts`), run once that side has loaded, before any request.
 */
export const pool = (arity: Arity): Method =>
  withUserPool(
    arity,
    (positional, options) => (code, runtime, method) =>
      code.userPool!.runUserPool(
        method as UserPoolMethodName,
        positional,
        options,
        runtime,
        code.runtime.perform,
      ),
  );
