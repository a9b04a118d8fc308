import { Hub } from 'aws-amplify/utils';

/** Records every event aws-amplify's Hub delivers on `auth` (event name and data) until `stop()`. */
export function recordAwsAmplifyAuthEvents(): { events: { event: string; data?: unknown }[]; stop(): void } {
  const events: { event: string; data?: unknown }[] = [];
  const stop = Hub.listen('auth', ({ payload }) => {
    events.push({ ...(payload as { event: string; data?: unknown }) });
  });
  return { events, stop };
}
