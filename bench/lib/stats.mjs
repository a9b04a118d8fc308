/** The median of a non-empty list of numbers. */
export function median(values) {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to `digits` significant digits, for readable JSON. */
export function round(value, digits = 4) {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return value ?? null;
  return Number(value.toPrecision(digits));
}
