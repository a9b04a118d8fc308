/**
 * Process-wide identity, shared by every copy of `@plugboard/core` in a process (its CommonJS and ESM
 * builds, or two copies in node_modules): registered symbols (`Symbol.for`) are the same for all.
 */
const registered = (kind: string, id: string): symbol => Symbol.for(`plugboard.${kind}:${id}`);

/**
 * Marks `ctor` so that `value instanceof ctor` is true for instances of any copy of the class named
 * `id` (and of its branded subclasses): each copy has its own class objects, so a plain `instanceof`
 * fails for objects made by another copy, while the brand, a registered symbol on the prototype
 * chain, is shared. Subclasses that are not branded themselves keep the ordinary prototype check.
 */
export function brandClass(ctor: { readonly prototype: object }, id: string): void {
  const brand = registered('brand', id);
  Object.defineProperty(ctor.prototype, brand, { value: true });
  Object.defineProperty(ctor, Symbol.hasInstance, {
    value(this: object, value: unknown): boolean {
      return this === ctor
        ? (value as Record<symbol, unknown> | null | undefined)?.[brand] === true
        : // A subclass that inherited this static method without a brand of its own.
          Function.prototype[Symbol.hasInstance].call(this, value);
    },
  });
}

/** @internal The process-wide value stored under `name` by {@link processSingleton}, if any. */
export function findProcessSingleton<T>(name: string): T | undefined {
  return processSingleton<T | undefined>(name);
}

/**
 * Returns the process-wide value stored under `name`, creating it with `create` the first time (with
 * no `create`, only looks it up). Every copy of the package that asks for the same name gets the same
 * object.
 */
export function processSingleton<T>(name: string, create?: () => T): T {
  const key = registered('singleton', name);
  const registry = globalThis as unknown as Record<symbol, T>;
  // Not enumerable, not writable, not configurable: the defaults of defineProperty.
  if (create && registry[key] === undefined) Object.defineProperty(registry, key, { value: create() });
  return registry[key]!;
}
