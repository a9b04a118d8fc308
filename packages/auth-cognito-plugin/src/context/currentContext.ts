import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The auth context of the running unit of work (Node: `AsyncLocalStorage`). The browser build maps this
 * module to `currentContext.browser.ts`, which has no contexts.
 */
const store = new AsyncLocalStorage<object>();

/** The context `work` runs in, or undefined outside any `runWithAuthContext`. */
export function currentContext<C extends object>(): C | undefined {
  return store.getStore() as C | undefined;
}

/** Runs `work` with `context` as the current context (also across its awaits, timers and callbacks). */
export function runInContext<C extends object, T>(context: C, work: () => T): T {
  return store.run(context, work);
}

/** True where contexts exist (Node). */
export const CONTEXTS_SUPPORTED = true;
