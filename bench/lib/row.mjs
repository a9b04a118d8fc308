import { median, quantile, round } from './stats.mjs';

/**
 * Target kinds. `ratio` is always plugboard / peer; a target is checked against it or against the
 * Plugboard value alone.
 */
const checks = {
  ratioAtLeast: (t, r) => ({
    text: `>= ${t.value}x ${r.peer}`,
    met: r.ratio !== null && r.ratio >= t.value,
  }),
  ratioAtMost: (t, r) => ({
    text: `<= ${t.label ?? t.value}x ${r.peer}`,
    met: r.ratio !== null && r.ratio <= t.value,
  }),
  below: (t, r) => ({ text: `< ${t.value} ${r.unit}`, met: r.plugboard < t.value }),
  atMost: (t, r) => ({ text: `<= ${t.value} ${r.unit}`, met: r.plugboard <= t.value }),
};

/**
 * One result row: the ratio and `met` are computed here from the measured values, never passed in.
 * `peer` names the library compared against (aws-amplify unless said otherwise) and `peerValue` its
 * value; `awsAmplify` is shorthand for peer aws-amplify. With `ratios` (one plugboard/peer ratio per
 * interleaved round) the ratio is their median and `spread` their interquartile range.
 */
export function row({ group, name, plugboard, peer, peerValue, awsAmplify, unit, ratios, target, note }) {
  if (typeof plugboard !== 'number' || !Number.isFinite(plugboard)) {
    throw new Error(`${name}: the Plugboard value is not a number (${plugboard})`);
  }
  const other = peer === undefined ? awsAmplify : peerValue;
  const r = {
    group,
    name,
    plugboard: round(plugboard),
    peer: peer ?? 'aws-amplify',
    peerValue: other === null || other === undefined ? null : round(other),
    unit,
    ratio: null,
    spread: null,
    target: null,
    met: null,
  };
  if (ratios) {
    r.ratio = round(median(ratios), 3);
    r.spread = {
      q1: round(quantile(ratios, 0.25), 3),
      q3: round(quantile(ratios, 0.75), 3),
      rounds: ratios.length,
    };
  } else if (r.peerValue !== null && other !== 0) {
    r.ratio = round(plugboard / other, 3);
  }
  if (target) {
    const { text, met } = checks[target.kind](target, r);
    r.target = text;
    r.met = met;
  }
  if (note) r.note = note;
  return r;
}
