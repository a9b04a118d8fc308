/**
 * Where the snippets report, in the spirit of the seed page's `Log.i` / `Log.e`. The demo and the tests
 * pass their own; apps would use their logger.
 */
export interface QuickstartLog {
  info(message: string): void;
  error(message: string, error: unknown): void;
}

/** Prints to the console with the seed page's `AuthQuickstart` tag. */
export const consoleLog: QuickstartLog = {
  info: (message) => console.log(`AuthQuickstart: ${message}`),
  error: (message, error) => console.error(`AuthQuickstart: ${message}`, error),
};
