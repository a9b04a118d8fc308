/** Shown instead of a secret wherever an object is printed or serialized. */
export const REDACTED = '***';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** The prototype of each kind of redacted object (by label): the masking methods, made once. */
const prototypes = new Map<string, object>();

function prototypeOf(secretKeys: readonly string[], label: string): object {
  let prototype = prototypes.get(label);
  if (!prototype) {
    function masked(this: object): Record<string, unknown> {
      const view: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(this))
        view[key] = secretKeys.includes(key) ? REDACTED : field;
      return view;
    }
    prototype = Object.create(Object.prototype, {
      [inspectCustom]: {
        value(this: object, _depth: number, options: unknown, inspect?: (v: unknown, o: unknown) => string) {
          return `${label} ${inspect ? inspect(masked.call(this), options) : JSON.stringify(masked.call(this))}`;
        },
      },
      toJSON: { value: masked },
      toString: {
        value(this: object) {
          return `${label} ${JSON.stringify(masked.call(this))}`;
        },
      },
    }) as object;
    prototypes.set(label, prototype);
  }
  return prototype;
}

/**
 * Returns `value` with read-only fields and `util.inspect`, `toString` and `JSON.stringify` showing `***`
 * for the `secretKeys` (methods of a prototype shared by every object of that `label`, which names one
 * kind of object with fixed secret keys). The properties themselves stay readable, so the object works
 * where the real values are needed. The object stays extensible: the AWS SDK records where credentials
 * came from by adding a property to the credentials object it is given, and a frozen object makes its
 * first request throw.
 */
export function redacted<T extends object>(
  value: T,
  secretKeys: readonly (keyof T & string)[],
  label: string,
): T {
  Object.setPrototypeOf(value, prototypeOf(secretKeys, label));
  for (const key of Object.keys(value))
    Object.defineProperty(value, key, { writable: false, configurable: false });
  return value;
}
