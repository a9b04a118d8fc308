/** `npm run demo:web` as a user runs it: the compiled command as a child process. */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEFAULT_PAGE_PORT, parseGameArgs } from '../src/server/args';
import { exampleDir } from '../src/server/buildPage';

const repoRoot = join(exampleDir, '..', '..');
const mainJs = join(exampleDir, 'dist', 'server', 'main.js');

beforeAll(() => {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', join(exampleDir, 'tsconfig.json')], { cwd: repoRoot });
}, 120_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runGame(args: string[]) {
  const child = spawn(process.execPath, [mainJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 1200; i++) {
      const match = output.match(pattern);
      if (match) return match;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the game never printed ${pattern}: ${output}`);
  };
  return { child, exited, waitFor, output: () => output };
}

const running: ReturnType<typeof runGame>[] = [];
afterEach(() => {
  for (const run of running.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
});

describe('npm run demo:web', () => {
  it('serves the page on --port, and Ctrl+C says it stops, then that it stopped (exit 0)', async () => {
    const port = await freePort();
    const run = runGame(['--port', String(port)]);
    running.push(run);
    await run.waitFor(new RegExp(`Open http://localhost:${port}/`));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    // The passkey player's pool is up; its made-up password goes to the page only, never to the console.
    expect(run.output()).toMatch(/User pool \(passkeys on\) +http:\/\/127\.0\.0\.1:\d+ .*pool \w+_\w+\)$/m);
    expect(run.output()).toMatch(/Or sign in as player@example\.com/);
    const config = (await (await fetch(`http://127.0.0.1:${port}/game-config.json`)).json()) as {
      userPool: { player: { password: string } };
    };
    expect(config.userPool.player.password.length).toBeGreaterThan(12);
    expect(run.output()).not.toContain(config.userPool.player.password);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(
      /Received SIGINT: stopping the page, the emulator, the user pool, DynamoDB and the front/,
    );
    expect(run.output()).toMatch(/Stopped\.\n$/);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 120_000);

  it('a port in use exits 3 naming it and --port; a bad --port exits 2 with the usage', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const busy = runGame(['--port', String(port)]);
    running.push(busy);
    expect(await busy.exited).toBe(3);
    expect(busy.output()).toContain(`127.0.0.1:${port} is already in use`);
    expect(busy.output()).toMatch(/--port N/);
    expect(busy.output()).not.toMatch(/^\s+at /m);
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const bad = runGame(['--port', 'eighty']);
    running.push(bad);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/Usage: npm run demo:web/);
  }, 120_000);
});

describe('parseGameArgs', () => {
  it('defaults to a fixed port, takes --port N / --port=N, and refuses the rest', () => {
    expect(parseGameArgs([])).toEqual({ port: DEFAULT_PAGE_PORT, help: false });
    expect(parseGameArgs(['--port', '0'])).toEqual({ port: 0, help: false });
    expect(parseGameArgs(['--port=9000'])).toEqual({ port: 9000, help: false });
    expect(parseGameArgs(['--help']).help).toBe(true);
    for (const bad of [['--port'], ['--port', '70000'], ['--port', '1.5'], ['--nope']]) {
      expect(() => parseGameArgs(bad)).toThrow();
    }
  });
});
