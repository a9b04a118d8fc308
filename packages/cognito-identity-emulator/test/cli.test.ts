import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';

const packageDir = join(__dirname, '..');
const repoRoot = join(packageDir, '..', '..');
const cli = join(packageDir, 'dist', 'cjs', 'cli.js');

beforeAll(() => {
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-b', join(packageDir, 'tsconfig.cjs.json')], { cwd: repoRoot });
  writeFileSync(join(packageDir, 'dist', 'cjs', 'package.json'), '{"type":"commonjs"}\n');
}, 60000);

function runCli(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    for (let i = 0; i < 200; i++) {
      const match = output.match(pattern);
      if (match) return match;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`CLI never printed ${pattern}: ${output}`);
  };
  return { child, exited, waitFor, output: () => output };
}

describe('plugboard-cognito-emulator', () => {
  it('starts with a ready pool, mints tokens over HTTP and exits 0 on SIGTERM', async () => {
    const run = runCli(['--port', '0']);
    const [, endpoint] = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, poolId] = await run.waitFor(/Identity pool: (\S+)/);
    await run.waitFor(/test-idp\/token\?provider=graph\.facebook\.com&sub=alice/);
    const { token } = (await (
      await fetch(`${endpoint}/test-idp/token?provider=graph.facebook.com&sub=alice`)
    ).json()) as { token: string };
    const client = new CognitoIdentityClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x'.repeat(40) },
      maxAttempts: 1,
    });
    const withLogin = await client.send(
      new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'graph.facebook.com': token } }),
    );
    const guest = await client.send(new GetIdCommand({ IdentityPoolId: poolId }));
    expect(withLogin.IdentityId).not.toBe(guest.IdentityId);
    client.destroy();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).not.toContain(token);
  });

  it('stops on SIGINT too', async () => {
    const run = runCli(['--port', '0']);
    await run.waitFor(/Identity pool:/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('refuses a non-loopback host without --allow-remote', async () => {
    const run = runCli(['--port', '0', '--host', '0.0.0.0']);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/--allow-remote/);
  });
});
