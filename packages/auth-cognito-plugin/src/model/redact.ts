/** Shown instead of a secret wherever an object is printed or serialized. */
export const REDACTED = '***';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * Returns `value` with read-only fields and `util.inspect`, `toString` and `JSON.stringify` showing `***`
 * for the `secretKeys`. The properties themselves stay readable, so the object works where the real values
 * are needed. The object stays extensible: the AWS SDK records where credentials came from by adding a
 * property to the credentials object it is given, and a frozen object makes its first request throw.
 */
export function redacted<T extends object>(
  value: T,
  secretKeys: readonly (keyof T & string)[],
  label: string,
): T {
  const masked = (): Record<string, unknown> => {
    const view: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value))
      view[key] = secretKeys.includes(key as never) ? REDACTED : field;
    return view;
  };
  for (const key of Object.keys(value))
    Object.defineProperty(value, key, { writable: false, configurable: false });
  Object.defineProperties(value, {
    [inspectCustom]: {
      value: (_depth: number, options: unknown, inspect?: (v: unknown, o: unknown) => string) =>
        `${label} ${inspect ? inspect(masked(), options) : JSON.stringify(masked())}`,
    },
    toJSON: { value: masked },
    toString: { value: () => `${label} ${JSON.stringify(masked())}` },
  });
  return value;
}
