import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { DEFAULT_CONTROL_PLANE_CREDENTIALS } from '../src/index.js';
import { buildCli, runCli } from './cliRunner';

beforeAll(buildCli, 60000);

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
      credentials: { ...DEFAULT_CONTROL_PLANE_CREDENTIALS },
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

describe('plugboard-cognito-emulator flags, environment and exit codes', () => {
  it('--version prints the package version and exits 0', async () => {
    const run = runCli(['--version']);
    expect(await run.exited).toBe(0);
    expect(run.output().trim()).toBe(
      (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string })
        .version,
    );
  });

  it('--help prints the usage, naming the environment variables, and exits 0', async () => {
    const run = runCli(['--help']);
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/\$PORT/);
    expect(run.output()).toMatch(/\$STATE_FILE/);
  });

  it('an unknown flag or a bad port exits 2 with the usage', async () => {
    for (const args of [['--nope'], ['--port', '70000']]) {
      const run = runCli(args);
      expect(await run.exited).toBe(2);
      expect(run.output()).toMatch(/Usage:/);
    }
    const badEnv = runCli([], { PORT: 'eighty' });
    expect(await badEnv.exited).toBe(2);
    expect(badEnv.output()).toMatch(/PORT/);
  });

  it('takes PORT, HOST and STATE_FILE from the environment; flags win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
    const stateFile = join(dir, 'state.json');
    const run = runCli([], { PORT: '0', HOST: '127.0.0.1', STATE_FILE: stateFile });
    const [, endpoint] = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
    expect(endpoint).not.toMatch(/:9231$/);
    const health = await fetch(`${endpoint}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
    const flagWins = runCli(['--port', '0', '--host', 'localhost'], { PORT: '1', HOST: '127.0.0.1' });
    await flagWins.waitFor(/listening on http:\/\/localhost:\d+/);
    flagWins.child.kill('SIGTERM');
    expect(await flagWins.exited).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--print-config prints amplifyconfiguration.json and amplify_outputs.json fragments that work', async () => {
    const run = runCli(['--port', '0', '--print-config']);
    const [, endpoint] = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await run.waitFor(/Press Ctrl\+C/);
    const gen1 = run.output().split('--- amplifyconfiguration.json ---\n')[1]!.split('\n---')[0]!;
    const gen2 = run.output().split('--- amplify_outputs.json ---\n')[1]!.split('\n---')[0]!;
    type Gen1 = {
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: { CognitoIdentity: { Default: Record<string, string> } };
          };
        };
      };
    };
    const pool = (JSON.parse(gen1) as Gen1).auth.plugins.awsCognitoAuthPlugin.CredentialsProvider
      .CognitoIdentity.Default;
    expect(pool).toEqual({
      PoolId: expect.stringMatching(/^us-east-1:/),
      Region: 'us-east-1',
      Endpoint: endpoint,
    });
    expect(JSON.parse(gen2)).toEqual({
      version: '1',
      auth: {
        aws_region: 'us-east-1',
        identity_pool_id: pool.PoolId,
        identity_pool_endpoint: endpoint,
        unauthenticated_identities_enabled: true,
      },
    });
    const client = new CognitoIdentityClient({
      region: pool.Region,
      endpoint: pool.Endpoint,
      maxAttempts: 1,
    });
    expect((await client.send(new GetIdCommand({ IdentityPoolId: pool.PoolId }))).IdentityId).toMatch(
      /^us-east-1:/,
    );
    client.destroy();
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('"address already in use" exits 3 with a hint to use --port 0', async () => {
    const first = runCli(['--port', '0']);
    const [, port] = await first.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
    const second = runCli(['--port', port!]);
    expect(await second.exited).toBe(3);
    expect(second.output()).toMatch(/already in use/);
    expect(second.output()).toMatch(/--port 0/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('a truncated state file exits 1 naming the file and the fix, not a bare SyntaxError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-cli-'));
    const stateFile = join(dir, 'state.json');
    writeFileSync(stateFile, '{"version":1,"signingKey":{"kid":"k","privateKeyPem":"---');
    const run = runCli(['--port', '0', '--state-file', stateFile]);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(stateFile);
    expect(run.output()).toMatch(/truncated/);
    expect(run.output()).toMatch(/delete it/);
    expect(run.output()).not.toMatch(/^SyntaxError/m);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('crash safety with a state file', () => {
  it('never loses an identity answered with 200, even when the process is killed with SIGKILL right after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-crash-'));
    const stateFile = join(dir, 'state.json');
    for (let round = 0; round < 3; round++) {
      const run = runCli(['--port', '0', '--state-file', stateFile]);
      const [, endpoint] = await run.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, poolId] = await run.waitFor(/Identity pool: (\S+)/);
      const getId = async (): Promise<string> => {
        const res = await fetch(`${endpoint}/`, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSCognitoIdentityService.GetId',
          },
          body: JSON.stringify({ IdentityPoolId: poolId }),
        });
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        const { IdentityId } = (await res.json()) as { IdentityId: string };
        run.child.kill('SIGKILL'); // the moment an answer arrives
        return IdentityId;
      };
      const results = await Promise.allSettled(Array.from({ length: 20 }, getId));
      await run.exited;
      const answered = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      expect(answered.length).toBeGreaterThan(0);
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { identities: { identityId: string }[] };
      const savedIds = saved.identities.map((i) => i.identityId);
      for (const id of answered) expect(savedIds).toContain(id);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
