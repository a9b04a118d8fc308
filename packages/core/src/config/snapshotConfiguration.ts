import { configurationError, invalidConfiguration } from './configurationErrors.js';

/** Deeper nesting than this is not configuration; refusing it keeps the copy from overflowing the stack. */
const MAX_DEPTH = 32;

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

function copy(value: unknown, path: string, ancestors: object[]): unknown {
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
    const keys: (string | number)[] =
      kind !== undefined
        ? []
        : array
          ? [...Array((source as unknown as unknown[]).length).keys()]
          : Object.keys(source);
    reading = false;
    if (kind !== undefined) throw invalidConfiguration(path, `expected a plain object, got ${kind}.`);
    const result = array ? [] : {};
    for (const key of keys) {
      at = childPath(path, key);
      reading = true;
      const item = source[key];
      reading = false;
      // defineProperty, not assignment: a key named `__proto__` stays a plain data property.
      Object.defineProperty(result, key, {
        value: copy(item, at, ancestors),
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
 * Copies `config` into fresh plain data (objects, arrays, strings, numbers, booleans, null), reading
 * every property exactly once. Whatever the app does with its own object afterwards, the copy does not
 * change. Anything that is not JSON-like data (functions, class instances, Maps, cycles, a getter or a
 * Proxy trap that throws) becomes a `ConfigurationException` naming the path, with the cause kept.
 */
export function snapshotConfiguration(config: unknown): unknown {
  return copy(config, '(root)', []);
}
