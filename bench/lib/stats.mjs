/** The q-quantile (0..1) of a non-empty list of numbers, linear between the closest ranks. */
export function quantile(values, q) {
  if (values.length === 0) throw new Error('quantile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** The median of a non-empty list of numbers. */
export const median = (values) => quantile(values, 0.5);

/** Rounds to `digits` significant digits, for readable JSON. */
export function round(value, digits = 4) {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return value ?? null;
  return Number(value.toPrecision(digits));
}
