import { unfreezableHubEvent } from './hubErrors.js';
import type { HubEvent } from './types.js';

/**
 * Freezes `data` and every object reachable from it through own data properties, iteratively (deep
 * data cannot overflow the stack) and once per object (cycles end). Typed arrays and DataViews are
 * left as they are: their elements cannot be frozen.
 */
function freezeData(data: object): void {
  const pending: object[] = [data];
  const seen = new Set<object>();
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if (seen.has(item) || ArrayBuffer.isView(item)) continue;
    seen.add(item);
    Object.freeze(item);
    for (const key of Reflect.ownKeys(item)) {
      const child: unknown = Reflect.getOwnPropertyDescriptor(item, key)?.value;
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
}

/**
 * Deeply freezes the data of an event about to be delivered on `channel`, in place: no listener can
 * change it for a later one. Primitives (and no data) cost one `typeof`. Throws `HubException` when
 * the data cannot be frozen (a Proxy whose traps refuse).
 */
export function freezeEventData(channel: string, data: unknown): void {
  if (typeof data !== 'object' || data === null) return;
  try {
    freezeData(data);
  } catch (cause) {
    throw unfreezableHubEvent(channel, cause);
  }
}

/**
 * The event as the Hub delivers it on a protected channel: a new frozen `{ name, data }` (read once
 * by the caller; `name` is the string it checked) whose data is deeply frozen in place.
 */
export function frozenEvent(channel: string, name: string, data: unknown): HubEvent {
  freezeEventData(channel, data);
  return Object.freeze({ name, data });
}
