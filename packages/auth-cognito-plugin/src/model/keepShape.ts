// V8 drops an object shape (hidden class) that no live object uses a few full collections after the
// last such object died, and throws away the optimized code that relied on it. A server's per-request
// objects all die between requests: after an idle spell with a full collection, its warm path was
// compiled again on the next requests. One exemplar per such shape, kept here for the life of the
// process (built with no data), keeps the shapes and the code. Only for shapes made per request whose
// construction V8 does not keep by itself: a property added after an object literal's fixed part (such
// as a computed symbol key), and frozen objects.
const exemplars: object[] = [];

/** Keeps `exemplar` (an object built the same way as a per-request one) alive, so its shape stays. */
export function keepShape<T extends object>(exemplar: T): T {
  exemplars.push(exemplar);
  return exemplar;
}
