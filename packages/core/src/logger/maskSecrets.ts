import { isSecretKey, MASK, maskString } from './maskString.js';

/** Nesting deeper than this is summarised rather than copied. */
const MAX_DEPTH = 12;
/**
 * Arrays longer than this are shown by their first items and a count: never a walk by `length` over
 * an array that came from anywhere (a sparse one may claim 2^32-1 items).
 */
export const MAX_LOGGED_ITEMS = 100;

function maskArray(value: unknown[], inner: (item: unknown) => unknown): unknown[] {
  const length = value.length;
  const shown: unknown[] = [];
  for (let i = 0; i < Math.min(length, MAX_LOGGED_ITEMS); i++) shown.push(inner(value[i]));
  if (length > MAX_LOGGED_ITEMS) shown.push(`... ${length - MAX_LOGGED_ITEMS} more items`);
  return shown;
}

/** The objects being copied or already copied, so that a cycle becomes `[Circular]`. */
type Seen = WeakSet<object>;

function maskError(error: Error, seen: Seen, depth: number): Error {
  // A real Error (so util.inspect prints message and stack) with the original's prototype (so it
  // still `instanceof`-checks like the original).
  const copy = Object.setPrototypeOf(new Error(), Object.getPrototypeOf(error) as object) as Error;
  const hide = (key: string, value: unknown): unknown =>
    Object.defineProperty(copy, key, { value, writable: true, configurable: true, enumerable: false });
  hide('name', error.name);
  hide('message', maskString(String(error.message)));
  if (typeof error.stack === 'string') hide('stack', maskString(error.stack));
  if (error.cause !== undefined) hide('cause', maskValue(error.cause, seen, depth + 1));
  for (const key of Object.keys(error)) {
    (copy as unknown as Record<string, unknown>)[key] = maskEntry(
      key,
      (error as unknown as Record<string, unknown>)[key],
      seen,
      depth,
    );
  }
  return copy;
}

function maskEntry(key: unknown, value: unknown, seen: Seen, depth: number): unknown {
  if (value === undefined || value === null) return value;
  return typeof key === 'string' && isSecretKey(key) ? MASK : maskValue(value, seen, depth + 1);
}

function maskValue(value: unknown, seen: Seen, depth: number): unknown {
  if (typeof value === 'string') return maskString(value);
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[Object]';
  if (value instanceof Date) return new Date(value.getTime());
  seen.add(value);
  if (value instanceof Error) return maskError(value, seen, depth);
  const inner = (item: unknown): unknown => maskValue(item, seen, depth + 1);
  if (Array.isArray(value)) return maskArray(value, inner);
  if (value instanceof Set) return new Set([...value].map(inner));
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, maskEntry(key, item, seen, depth)]));
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    copy[key] = maskEntry(key, (value as Record<string, unknown>)[key], seen, depth);
  }
  return copy;
}

/**
 * Returns a copy of `value` that is safe to log: JWTs, long token-like strings, AWS secret keys and
 * session tokens inside strings become `***`, and so does the whole value of any property whose name
 * mentions a token, secret, password, credential, logins or authorization. Walks nested objects,
 * arrays, maps, sets and errors (message, stack, cause and own properties); cycles become
 * `[Circular]`. The input is never modified.
 */
export function maskSecrets<T>(value: T): T;
export function maskSecrets(value: unknown): unknown {
  return maskValue(value, new WeakSet(), 0);
}
