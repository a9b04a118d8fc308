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
 * The event as the Hub delivers it: a new frozen `{ name, data }` (each read once from `event`) whose
 * data is deeply frozen in place, so no listener can change what a later listener sees. `name` is
 * the string the caller checked.
 */
export function frozenEvent(channel: string, name: string, data: unknown): HubEvent {
  if (typeof data === 'object' && data !== null) {
    try {
      freezeData(data);
    } catch (cause) {
      // A Proxy whose traps refuse.
      throw unfreezableHubEvent(channel, cause);
    }
  }
  return Object.freeze({ name, data });
}
