// 10,000 sequential requests against the game server (in a child process with --expose-gc): its heap
// after full garbage collections and its open handles come back to where they were before them.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Player } from '../src/player';
import type { Measure } from './leakChild';

const REQUESTS = 10_000;
const WARM_UP = 1000;
/**
 * Heap tolerance: the heap after full garbage collections, less V8's code spaces, may grow by 512 KiB
 * over 10,000 requests: anything that keeps 53 bytes or more per request fails (measured: +0.02 MiB). Compiled code is left out
 * because it grows as the JIT optimizes, not per request: two heap snapshots 15,000 requests apart
 * (after 3,000) differed by 0.36 MiB, all of it code, deoptimization data and V8's own weak lists, with
 * no more JS objects or strings. The first ~1,000 requests add ~1.4 MiB once (lazy compilation, caches
 * filling), hence the warm-up.
 */
const HEAP_TOLERANCE = 512 * 1024;

const exampleDir = join(__dirname, '..');
const bundle = join(exampleDir, 'dist', 'leak', 'leakChild.js');
let child: ChildProcess;
let url: string;
let tokens: string[];

function next<T>(type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`the server exited (${code}) before ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const measure = async (): Promise<Measure> => {
  child.send({ type: 'measure' });
  return next<Measure>('measured');
};

beforeAll(async () => {
  // The child runs the TypeScript sources, bundled (workspace packages from src, others from node_modules).
  await build({
    entryPoints: [join(__dirname, 'leakChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: join(exampleDir, '..', '..', 'tsconfig.json'),
    outfile: bundle,
    logLevel: 'error',
  });
  child = fork(bundle, [], {
    execArgv: ['--expose-gc'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  ({ url, tokens } = await next<{ url: string; tokens: string[] }>('ready'));
}, 60_000);

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;
});

/** GET /scores with `cookie` on the test's one keep-alive connection; the status. */
function getScores(agent: Agent, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/scores`, { agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Each type's count must not be above the baseline's (sockets of the logins may close meanwhile). */
function noMoreThan(now: Record<string, number>, baseline: Record<string, number>): string[] {
  return Object.entries(now)
    .filter(([type, n]) => n > (baseline[type] ?? 0))
    .map(([type, n]) => `${type}: ${baseline[type] ?? 0} -> ${n}`);
}

it(`returns to its heap and open handles after ${REQUESTS} sequential requests`, async () => {
  const players = tokens.map((_, i) => new Player(`player${i}`, url));
  for (const [i, p] of players.entries())
    expect((await p.send('POST', '/login', { token: tokens[i] })).status).toBe(200);
  const cookies = players.map((p) => [...p.cookies()].map(([name, value]) => `${name}=${value}`).join('; '));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const play = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      const status = await getScores(agent, cookies[i % cookies.length]!);
      if (status !== 200) throw new Error(`request ${i}: ${status}`);
    }
  };
  await play(WARM_UP);
  const baseline = await measure();
  await play(REQUESTS / 2);
  const half = await measure();
  await play(REQUESTS / 2);
  const after = await measure();
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  const data = (m: Measure) => m.heapUsed - m.code;
  console.log(
    `heap after gc (less code): baseline ${mib(data(baseline))}, +${REQUESTS / 2}: ${mib(data(half))}, +${REQUESTS}: ${mib(data(after))}; ` +
      `code ${mib(baseline.code)} -> ${mib(after.code)}; handles ${JSON.stringify(after.resources)}`,
  );
  agent.destroy();
  expect(data(after) - data(baseline)).toBeLessThan(HEAP_TOLERANCE);
  // No more open handles than before (the servers, the test's keep-alive connection, the server's to DynamoDB).
  expect(noMoreThan(half.resources, baseline.resources)).toEqual([]);
  expect(noMoreThan(after.resources, baseline.resources)).toEqual([]);
  expect(after.resources.TCPServerWrap).toBe(baseline.resources.TCPServerWrap);
  // Nothing held per request by the auth contexts' coordination (no refresh happened).
  expect([after.successors, after.locks]).toEqual([baseline.successors, 0]);
}, 120_000);
