import { formatTable } from '/work/wt/perf/bench/lib/table.mjs';
const names = process.argv.slice(2);
const results = [];
for (const n of names) { const { measure } = await import(`/work/wt/perf/bench/measures/${n}.mjs`); results.push(...await measure()); }
console.log(formatTable(results));
