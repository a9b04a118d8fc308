// The game server in a child process of the leak test (run with --expose-gc): it answers the test's
// requests and, when asked over IPC, its heap after full garbage collections and its open handles.
import { getHeapSpaceStatistics } from 'node:v8';
import { requestSessionsSize } from '../../../packages/auth-cognito-plugin/src/context/requestSessions';
import { startGameWorld } from '../src/world';

export interface Measure {
  readonly heapUsed: number;
  /** Of which V8's compiled code (code spaces): it grows as the JIT optimizes, not per request. */
  readonly code: number;
  readonly resources: Record<string, number>;
  readonly successors: number;
  readonly locks: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function measure(): Promise<Measure> {
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    await tick();
    gc();
  }
  const resources: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) resources[name] = (resources[name] ?? 0) + 1;
  const code = getHeapSpaceStatistics()
    .filter((space) => space.space_name.startsWith('code'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
  return { heapUsed: process.memoryUsage().heapUsed, code, resources, ...requestSessionsSize() };
}

async function main(): Promise<void> {
  const world = await startGameWorld();
  const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => world.backend.token(`player${i}`)));
  process.on('message', (message: { type: string }) => {
    if (message.type === 'measure') {
      // The backend records every request by design (the test's evidence); that is not the server's memory.
      world.backend.forgetRequests();
      void measure().then((m) => process.send!({ type: 'measured', ...m }));
    } else if (message.type === 'stop') {
      void world.stop().then(() => process.disconnect());
    }
  });
  process.send!({ type: 'ready', url: world.server.url, tokens });
}

void main();
