// Runs some of the measurements only and prints their table (no JSON): for checking one row while
// working on it. `node bench/runOne.mjs hubPublish [hubSubscribe ...]` (names of files in measures/).
import { formatTable } from './lib/table.mjs';

const names = process.argv.slice(2);
if (names.length === 0) throw new Error('usage: node bench/runOne.mjs <measure> [<measure> ...]');
const results = [];
for (const name of names) {
  const { measure } = await import(`./measures/${name}.mjs`);
  results.push(...(await measure()));
}
console.log(formatTable(results));
