import { formatTable } from './lib/table.mjs';
const names = process.argv.slice(2);
const results = [];
for (const n of names) { const { measure } = await import(`./measures/${n}.mjs`); results.push(...(await measure())); }
console.log(formatTable(results));
