/** The browser build of `currentContext.ts`: no `node:async_hooks`, so no current context. */
export function currentContext<C extends object>(): C | undefined {
  return undefined;
}

/** Runs `work` directly: a browser has one user, and no async context tracking. */
export function runInContext<C extends object, T>(_context: C, work: () => T): T {
  return work();
}

/** False: server-side auth contexts need Node's `AsyncLocalStorage`. */
export const CONTEXTS_SUPPORTED = false;
