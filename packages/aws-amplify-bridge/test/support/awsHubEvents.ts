import { Hub } from 'aws-amplify/utils';

/** Records every event aws-amplify's Hub delivers on `auth` (event name and data) until `stop()`. */
export function recordAwsAmplifyAuthEvents(): { events: { event: string; data?: unknown }[]; stop(): void } {
  const events: { event: string; data?: unknown }[] = [];
  const stop = Hub.listen('auth', ({ payload }) => {
    events.push({ ...(payload as { event: string; data?: unknown }) });
  });
  return { events, stop };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Records what is printed through `console` (aws-amplify's logger prints there) until `stop()`, which
 * returns the lines; `stop()` may be called again and returns the same lines.
 */
export function capturePrinted(): { stop(): string[] } {
  const lines: string[] = [];
  const spies = CONSOLE_METHODS.map((method) =>
    jest
      .spyOn(console, method)
      .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
  );
  return {
    stop() {
      for (const spy of spies) spy.mockRestore();
      return lines;
    },
  };
}
