import { round } from './stats.mjs';

/**
 * Target kinds. `ratio` is always plugboard / awsAmplify; a target is checked against it or against
 * the Plugboard value alone.
 */
const checks = {
  ratioAtLeast: (t, r) => ({
    text: `>= ${t.value}x aws-amplify`,
    met: r.ratio !== null && r.ratio >= t.value,
  }),
  ratioAtMost: (t, r) => ({
    text: `<= ${t.label ?? t.value}x aws-amplify`,
    met: r.ratio !== null && r.ratio <= t.value,
  }),
  below: (t, r) => ({ text: `< ${t.value} ${r.unit}`, met: r.plugboard < t.value }),
  atMost: (t, r) => ({ text: `<= ${t.value} ${r.unit}`, met: r.plugboard <= t.value }),
};

/** One result row: the ratio and `met` are computed here from the measured values, never passed in. */
export function row({ group, name, plugboard, awsAmplify, unit, target, note }) {
  if (typeof plugboard !== 'number' || !Number.isFinite(plugboard)) {
    throw new Error(`${name}: the Plugboard value is not a number (${plugboard})`);
  }
  const r = {
    group,
    name,
    plugboard: round(plugboard),
    awsAmplify: awsAmplify === null || awsAmplify === undefined ? null : round(awsAmplify),
    unit,
    ratio: null,
    target: null,
    met: null,
  };
  if (r.awsAmplify !== null && awsAmplify !== 0) r.ratio = round(plugboard / awsAmplify, 3);
  if (target) {
    const { text, met } = checks[target.kind](target, r);
    r.target = text;
    r.met = met;
  }
  if (note) r.note = note;
  return r;
}
