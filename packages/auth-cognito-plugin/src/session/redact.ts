/** Shown instead of a secret wherever an object is printed or serialized. */
export const REDACTED = '***';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * Returns `value` frozen, with `util.inspect`, `toString` and `JSON.stringify` showing `***` for the
 * `secretKeys`. The properties themselves stay readable, so the object works where the real values are
 * needed (e.g. as credentials of an AWS SDK client).
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
  Object.defineProperties(value, {
    [inspectCustom]: {
      value: (_depth: number, options: unknown, inspect?: (v: unknown, o: unknown) => string) =>
        `${label} ${inspect ? inspect(masked(), options) : JSON.stringify(masked())}`,
    },
    toJSON: { value: masked },
    toString: { value: () => `${label} ${JSON.stringify(masked())}` },
  });
  return Object.freeze(value);
}
