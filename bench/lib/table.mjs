const show = (value) => {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'boolean') return value ? 'met' : 'SHORT';
  if (typeof value !== 'number') return String(value);
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value);
};

const spread = (s) => (s ? `${s.q1}-${s.q3}` : '-');

/** The results as a plain-text table, one line per row, notes listed below it. */
export function formatTable(results) {
  const header = [
    'measurement',
    'plugboard',
    'peer',
    'peer value',
    'unit',
    'ratio',
    'IQR',
    'target',
    'result',
  ];
  const lines = results.map((r) => [
    r.name,
    show(r.plugboard),
    r.peerValue === null ? '-' : r.peer,
    show(r.peerValue),
    r.unit,
    r.ratio === null ? '-' : `${r.ratio}x`,
    spread(r.spread),
    r.target ?? '-',
    r.met === null ? '-' : show(r.met),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const numeric = new Set([1, 3, 5, 6]);
  const format = (cells) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const notes = results.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  return [
    format(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.map(format),
    ...(notes.length ? ['', 'Notes:', ...notes] : []),
  ].join('\n');
}
