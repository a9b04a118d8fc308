// Runs the bundle-size and browser-bytes measures alone and prints their rows (a quick size check).
import { measure as bundleSize } from './measures/bundleSize.mjs';
import { measure as browserBytes } from './measures/browserBytes.mjs';
import { formatTable } from './lib/table.mjs';

const results = [...(await bundleSize()), ...(await browserBytes())];
console.log(formatTable(results));
