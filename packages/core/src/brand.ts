/**
 * `instanceof` that works across copies of a package.
 *
 * When a package is loaded twice (its CommonJS and ESM builds in one process, or two copies in
 * node_modules) each copy has its own class objects, so a plain `instanceof` fails for objects made by
 * the other copy. A branded class answers `instanceof` by a process-wide symbol on the prototype chain
 * instead, which both copies share.
 */
const BRAND_ID = Symbol.for('plugboard.brand.id');

function brandKey(id: string): symbol {
  return Symbol.for(`plugboard.brand:${id}`);
}

/**
 * Marks `ctor` so that `value instanceof ctor` is true for instances of any copy of the class named
 * `id` (and of its branded subclasses). Subclasses that are not branded themselves keep the ordinary
 * prototype check.
 */
export function brandClass(ctor: { readonly prototype: object }, id: string): void {
  const key = brandKey(id);
  Object.defineProperty(ctor.prototype, key, { value: true });
  Object.defineProperty(ctor, BRAND_ID, { value: id });
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value: function hasBrandedInstance(this: object, value: unknown): boolean {
      const ownId = Object.getOwnPropertyDescriptor(this, BRAND_ID)?.value as string | undefined;
      if (ownId === undefined) return Function.prototype[Symbol.hasInstance].call(this, value);
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
      return (value as Record<symbol, unknown>)[brandKey(ownId)] === true;
    },
  });
}

/**
 * Returns the process-wide value stored under `name`, creating it with `create` the first time. Every
 * copy of the package that asks for the same name gets the same object.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  let value = findProcessSingleton<T>(name);
  if (value === undefined) {
    value = create();
    Object.defineProperty(globalThis, singletonKey(name), {
      value,
      enumerable: false,
      configurable: false,
      writable: false,
    });
  }
  return value;
}

function singletonKey(name: string): symbol {
  return Symbol.for(`plugboard.singleton:${name}`);
}

/** @internal The process-wide value stored under `name` by {@link processSingleton}, if any. */
export function findProcessSingleton<T>(name: string): T | undefined {
  return (globalThis as unknown as Record<symbol, T | undefined>)[singletonKey(name)];
}
