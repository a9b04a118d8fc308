import { configurationError, invalidConfiguration } from './configurationErrors.js';

/** Deeper nesting than this is not configuration; refusing it keeps the copy from overflowing the stack. */
const MAX_DEPTH = 32;
/**
 * Longer arrays and objects with more keys than this are not configuration (a redirect URI list has a
 * handful; the largest sections, such as amplify_outputs.json's model introspection, hundreds).
 * Checked before anything is iterated, so a sparse array of length 2^32-1 costs one comparison, not
 * four billion steps.
 */
export const MAX_ENTRIES = 10_000;
/** More values than this in the whole configuration are refused as well (wide and deep at once). */
export const MAX_VALUES = 200_000;

/** True for `{}`-style objects: the prototype is `Object.prototype` (of any realm) or null. */
function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null || prototype === Object.prototype) return true;
  // An object from another realm (a vm context, an iframe) has that realm's Object.prototype.
  return (
    typeof prototype === 'object' &&
    Object.getPrototypeOf(prototype) === null &&
    Object.hasOwn(prototype, 'hasOwnProperty')
  );
}

function kindOf(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value !== 'object' || value === null) return typeof value;
  const name: unknown = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)
    ?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object with an unusual prototype';
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '(root)' ? key : `${path}.${key}`;
}

/** What one copy walks: the objects on the current path (cycles) and how many values it has read. */
interface Walk {
  readonly ancestors: object[];
  values: number;
}

/**
 * The keys to copy of `source`: its indices or its own enumerable string keys. An array's `length`
 * is read once and checked (a Proxy can answer anything) before an index is made, so a sparse array
 * of length 2^32-1 costs one comparison. Returns the refusal instead of throwing it: reading may run
 * app code (a Proxy), whose own throws the caller reports differently.
 */
function keysOf(source: object, array: boolean): (string | number)[] | string {
  if (array) {
    const size: unknown = (source as unknown[]).length;
    if (typeof size !== 'number' || !(size <= MAX_ENTRIES)) {
      return `an array of ${typeof size === 'number' ? size : typeof size} items; at most ${MAX_ENTRIES} are accepted.`;
    }
    return Array.from({ length: size }, (_, index) => index);
  }
  const keys = Object.keys(source);
  return keys.length > MAX_ENTRIES
    ? `an object with ${keys.length} keys; at most ${MAX_ENTRIES} are accepted.`
    : keys;
}

function copy(value: unknown, path: string, walk: Walk): unknown {
  if (++walk.values > MAX_VALUES) {
    throw invalidConfiguration(path, `the configuration holds more than ${MAX_VALUES} values.`);
  }
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    default:
      throw invalidConfiguration(path, `expected JSON data, got ${kindOf(value)}.`);
  }
  if (value === null) return null;
  const ancestors = walk.ancestors;
  if (ancestors.includes(value)) {
    throw invalidConfiguration(path, 'the object contains itself (a cycle).');
  }
  if (ancestors.length >= MAX_DEPTH) {
    throw invalidConfiguration(path, `nested more than ${MAX_DEPTH} levels deep.`);
  }
  const source = value as Record<string, unknown>;
  ancestors.push(source);
  // A getter or Proxy trap that throws while `reading` becomes an error naming `at`, the path read.
  let at = path;
  let reading = true;
  try {
    const array = Array.isArray(source);
    const kind = array || isPlainObject(source) ? undefined : kindOf(source);
    const keys = kind !== undefined ? [] : keysOf(source, array);
    reading = false;
    if (kind !== undefined) throw invalidConfiguration(path, `expected a plain object, got ${kind}.`);
    if (typeof keys === 'string') throw invalidConfiguration(path, keys);
    // Objects without a prototype: a key the app did not set reads as undefined even when
    // `Object.prototype` was polluted (`Object.prototype.Endpoint = ...`). Arrays get every index
    // as an own property, so no read falls through to a prototype either.
    const result: object = array ? [] : Object.create(null);
    for (const key of keys) {
      at = childPath(path, key);
      reading = true;
      // A hole in an array reads as undefined, never as an index inherited from a prototype.
      const item = array && !Object.hasOwn(source, key) ? undefined : source[key];
      reading = false;
      // defineProperty, not assignment: a key named `__proto__` stays a plain data property.
      Object.defineProperty(result, key, {
        value: copy(item, at, walk),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return result;
  } catch (cause) {
    if (!reading) throw cause;
    throw configurationError(
      `Invalid configuration at ${at}: reading it threw (a getter or a Proxy?).`,
      'Pass plain data, for example the parsed contents of amplifyconfiguration.json or amplify_outputs.json.',
      cause,
    );
  } finally {
    ancestors.pop();
  }
}

/**
 * Copies `config` into fresh plain data (objects without a prototype, arrays, strings, numbers,
 * booleans, null), reading every own property exactly once and nothing inherited. Whatever the app
 * does with its own object (or with `Object.prototype`) afterwards, the copy does not change. Anything
 * that is not JSON-like data (functions, class instances, Maps, cycles, a getter or a Proxy trap that
 * throws) or is absurdly large (see {@link MAX_ENTRIES}) becomes a `ConfigurationException` naming the
 * path, with the cause kept. `path` names the root in messages.
 */
export function snapshotConfiguration(config: unknown, path = '(root)'): unknown {
  return copy(config, path, { ancestors: [], values: 0 });
}
