/**
 * The command's request log, verbosity, JSON output, state-file refusals, usage errors and a closed
 * stdout, each checked by running the real command as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import { buildCli, cliPath, runCli as startCli } from './cliRunner';

beforeAll(buildCli, 60000);

/** Every child is killed after its test, even when the test failed half-way. */
const children: ChildProcess[] = [];
const runCli = (...args: Parameters<typeof startCli>) => {
  const run = startCli(...args);
  children.push(run.child);
  return run;
};
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'emu-cli-log-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const client = (endpoint: string) =>
  new CognitoIdentityClient({ region: 'us-east-1', endpoint, maxAttempts: 1 });

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (\S+(?: \S+)?) (\d{3}|dropped) \d+(\.\d+)?ms( \w+)?$/gm;
const logLines = (output: string) => [...output.matchAll(LINE)].map((m) => m[0]);

describe('the request log', () => {
  it('prints one line per request (time, operation, status, duration) and never a token or secret', async () => {
    const run = runCli(['--port', '0']);
    const [, endpoint] = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, poolId] = await run.waitFor(/Identity pool: (\S+)/);
    await run.waitFor(/Press Ctrl\+C/);
    const { token } = (await (
      await fetch(`${endpoint}/test-idp/token?provider=graph.facebook.com&sub=alice`)
    ).json()) as { token: string };
    const sdk = client(endpoint!);
    const Logins = { 'graph.facebook.com': token };
    const { IdentityId } = await sdk.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
    const { Credentials } = await sdk.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    const { Token } = await sdk.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    await expect(
      sdk.send(new GetIdCommand({ IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await fetch(`${endpoint}/health`); // housekeeping: debug only
    await run.waitFor(/GetId 400 \S+ ResourceNotFoundException/);
    const lines = logLines(run.output()).map((l) => l.replace(/^\S+ /, '').replace(/ [\d.]+ms/, ''));
    expect(lines).toEqual([
      'GET /test-idp/token 200',
      'GetId 200',
      'GetCredentialsForIdentity 200',
      'GetOpenIdToken 200',
      'GetId 400 ResourceNotFoundException',
    ]);
    sdk.destroy();
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    const output = run.output();
    expect(output).toMatch(/Received SIGINT, stopping\.\nStopped\.\n$/);
    for (const secret of [token, Credentials!.SecretKey!, Credentials!.SessionToken!, Token!]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(output).not.toContain(secret);
      expect(output).not.toContain(secret.slice(0, 24));
    }
  });

  it('--log-level warn keeps only refusals and failures; LOG_LEVEL=debug adds health checks; a bad level is a usage error', async () => {
    const quiet = runCli(['--port', '0', '--log-level', 'warn']);
    const [, endpoint] = await quiet.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await quiet.waitFor(/Press Ctrl\+C/);
    await fetch(`${endpoint}/test-idp/token?provider=graph.facebook.com&sub=alice`);
    await fetch(`${endpoint}/health`, { headers: { origin: 'http://evil.example' } });
    await quiet.waitFor(/GET \/health 403 \S+ AccessDeniedException/);
    expect(logLines(quiet.output())).toHaveLength(1);
    quiet.child.kill('SIGTERM');
    expect(await quiet.exited).toBe(0);
    expect(quiet.output()).not.toMatch(/Stopped/); // a notice, below warn

    const chatty = runCli(['--port', '0'], { LOG_LEVEL: 'debug' });
    const [, url] = await chatty.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await fetch(`${url}/health`);
    await chatty.waitFor(/GET \/health 200/);
    chatty.child.kill('SIGTERM');
    expect(await chatty.exited).toBe(0);

    for (const [args, env] of [
      [['--log-level', 'loud'], {}],
      [[], { LOG_LEVEL: 'verbose' }],
    ] as const) {
      const bad = runCli([...args], env);
      expect(await bad.exited).toBe(2);
      expect(bad.output()).toMatch(/error, warn, info, debug/);
      expect(bad.output()).toMatch(/Usage:/);
    }
  });

  it('--json prints the start-up information as one JSON object and requests as JSON lines', async () => {
    const run = runCli(['--port', '0', '--json', '--print-config']);
    const [first] = await run.waitFor(/^\{"event":"started".*\}$/m);
    const started = JSON.parse(first) as Record<string, unknown> & { endpoint: string };
    expect(started).toMatchObject({
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      identityPoolId: expect.stringMatching(/^us-east-1:/),
      region: 'us-east-1',
      healthUrl: `${started.endpoint}/health`,
      loginProviders: expect.arrayContaining(['graph.facebook.com']),
      amplifyOutputs: expect.objectContaining({ version: '1' }),
    });
    await fetch(`${started.endpoint}/`, { method: 'POST', body: '{}' });
    const [line] = await run.waitFor(/^\{"time".*\}$/m);
    expect(JSON.parse(line)).toEqual({
      time: expect.stringMatching(/Z$/),
      level: 'info',
      operation: '(none)',
      status: 400,
      durationMs: expect.any(Number),
      errorType: 'UnknownOperationException',
    });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    for (const text of run.output().trim().split('\n')) expect(() => JSON.parse(text)).not.toThrow();
  });
});

describe('state files and usage errors', () => {
  it('refuses a --region other than the state file region, naming both and the file; without --region it keeps the file region', async () => {
    const stateFile = join(scratch(), 'state.json');
    const first = runCli(['--port', '0', '--state-file', stateFile, '--region', 'ap-southeast-2']);
    const [, poolId] = await first.waitFor(/Identity pool: (\S+)/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const other = runCli(['--port', '0', '--state-file', stateFile, '--region', 'eu-west-1']);
    expect(await other.exited).toBe(1);
    expect(other.output()).toContain(stateFile);
    expect(other.output()).toMatch(/region ap-southeast-2, not eu-west-1/);
    expect(other.output()).toMatch(/--region ap-southeast-2/);
    expect(other.output()).not.toMatch(/Identity pool:/);
    const same = runCli(['--port', '0', '--state-file', stateFile]);
    await same.waitFor(/Region: ap-southeast-2/);
    expect(same.output()).toContain(`Identity pool: ${poolId}`);
    same.child.kill('SIGTERM');
    expect(await same.exited).toBe(0);
  });

  it('a directory, a path under a file, and an unwritable folder exit 1 naming the path, never a bare code', async () => {
    const dir = scratch();
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    // root ignores folder modes; /sys refuses everyone.
    const unwritable =
      process.getuid?.() === 0 ? '/sys/plugboard-emulator-state.json' : join(locked, 's.json');
    const cases: [string, RegExp][] = [
      [dir, /is a directory/],
      [join(file, 'state.json'), /a part of its path is a file/],
      [unwritable, /permission denied/],
    ];
    for (const [path, problem] of cases) {
      const run = runCli(['--port', '0', '--state-file', path]);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(path);
      expect(run.output()).toMatch(problem);
      expect(run.output()).not.toMatch(/^\s+at /m); // no stack trace
      expect(run.output()).not.toMatch(/^Error: E[A-Z]+:/m);
    }
    chmodSync(locked, 0o700);
  });

  it('usage errors exit 2 with the usage: --region Mars, a bad --max-recorded-requests, a bad --allowed-host', async () => {
    for (const args of [
      ['--region', 'Mars'],
      ['--max-recorded-requests', '-1'],
      ['--allowed-host', 'bad host'],
      ['--json=yes'],
    ]) {
      const run = runCli(args);
      expect(await run.exited).toBe(2);
      expect(run.output()).toMatch(/Usage:/);
    }
  });
});

describe('a closed stdout', () => {
  it('`... | head` ends the command quietly with exit code 0', async () => {
    const child = spawn(process.execPath, [cliPath, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: '', HOST: '', STATE_FILE: '', LOG_LEVEL: '' },
    });
    children.push(child);
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const endpoint = await new Promise<string>((resolve) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (\S+)/.exec(seen);
        if (match) resolve(match[1]!);
      });
    });
    child.stdout.destroy(); // the reader went away, as `head` does after its lines
    for (let i = 0; i < 5; i++)
      await fetch(`${endpoint}/`, { method: 'POST', body: '{}' }).catch(() => undefined);
    expect(await exited).toBe(0);
    expect(errors).toBe('');
  });
});
