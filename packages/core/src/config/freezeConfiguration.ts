import { isSecretKey, MASK } from '../logger/maskString.js';

/** Node's `util.inspect` hook, by its registered symbol so this module needs no Node import. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function holdsSecretString(value: Record<string, unknown>): boolean {
  return Object.keys(value).some((key) => isSecretKey(key) && typeof value[key] === 'string');
}

/**
 * Freezes `value` (plain data from `snapshotConfiguration`) and everything in it. An object holding a
 * secret string (the user pool's `AppClientSecret`) also gets hidden `toJSON` and `util.inspect`
 * methods that show a masked copy, so `JSON.stringify(config)` and `console.log(config)` never print
 * it at any nesting level, while code that reads the property still gets the value.
 */
export function freezeConfiguration<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) freezeConfiguration(record[key]);
  if (!Array.isArray(value) && holdsSecretString(record)) {
    // Shallow: a nested object holding a secret carries hooks of its own.
    const masked = (): unknown =>
      Object.fromEntries(
        Object.entries(record).map(([key, item]) => [key, isSecretKey(key) && item != null ? MASK : item]),
      );
    Object.defineProperty(record, 'toJSON', { value: masked });
    Object.defineProperty(record, INSPECT, { value: masked });
  }
  return Object.freeze(value);
}
