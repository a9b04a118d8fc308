// Counts the plugin's source files (dist/esm) entered by one federation and by one warm, fresh
// fetchAuthSession, with V8's precise coverage (call counts): a file counts when any function in it ran
// during the call. Usage: npm run build && node scripts/count-hops.mjs
import { Session } from 'node:inspector/promises';
import { plugboardAuth, startBackend } from '../bench/lib/auth.mjs';

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });

const PLUGIN = '/packages/auth-cognito-plugin/dist/';
async function counts() {
  const { result } = await session.post('Profiler.takePreciseCoverage');
  const map = new Map();
  for (const script of result) {
    if (!script.url.includes(PLUGIN)) continue;
    const file = script.url.slice(script.url.indexOf(PLUGIN) + PLUGIN.length);
    let calls = 0;
    for (const fn of script.functions) if (fn.functionName !== '') calls += fn.ranges[0].count;
    map.set(file, calls);
  }
  return map;
}
async function entered(run) {
  await counts(); // takePreciseCoverage resets the counters
  await run();
  const after = await counts();
  return [...after]
    .filter(([, n]) => n > 0)
    .map(([file]) => file)
    .sort();
}

const backend = await startBackend();
const auth = await plugboardAuth(backend);
await auth.fetch(); // loads the runtime, guest session
const federation = await entered(() => auth.federate());
await auth.fetch();
const warm = await entered(() => auth.fetch());
console.log(`federation: ${federation.length} files\n  ${federation.join('\n  ')}`);
console.log(`warm fetch: ${warm.length} files\n  ${warm.join('\n  ')}`);
await backend.emulator.close?.();
process.exit(0);
