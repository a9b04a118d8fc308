// Child-process side of inChild(): node worker.mjs <module url> <export name> <json args>
import { MARK } from './child.mjs';

const [moduleUrl, exportName, json] = process.argv.slice(2);
const module = await import(moduleUrl);
const result = await module[exportName](JSON.parse(json));
process.stdout.write(`\n${MARK}${JSON.stringify(result)}\n`);
// Servers, agents and timers of the libraries under test must not keep the process alive.
process.exit(0);
