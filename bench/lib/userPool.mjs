// A real user-pool emulator (cognito-local, a devDependency of the repository) in a child process on a
// free loopback port, with one pool, one app client allowing USER_PASSWORD_AUTH and one confirmed user.
import { spawn } from 'node:child_process';
import { setTimeout, clearTimeout } from 'node:timers';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const READY = /Cognito Local running on https?:\/\/([\d.]+):(\d+)/;

/** A port that was free a moment ago (cognito-local writes its port into the tokens' issuer). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
  });
}

/** Starts cognito-local and arranges the pool, client and user; `stop()` ends it and removes its data. */
export async function startUserPool({ username = 'bench@example.com', password = 'Bench-Passw0rd-1' } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'plugboard-bench-pool-'));
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killChild = () => void child.kill('SIGKILL');
  process.once('exit', killChild);
  const stop = async () => {
    process.removeListener('exit', killChild);
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`cognito-local did not start:\n${output}`)), 20_000);
      const onData = (chunk) => {
        // eslint-disable-next-line no-control-regex
        output += chunk.toString().replace(/\u001b\[[0-9;]*m/g, '');
        if (READY.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`cognito-local exited with ${code}:\n${output}`));
      });
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const sdk = await import('@aws-sdk/client-cognito-identity-provider');
    const admin = new sdk.CognitoIdentityProviderClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
    });
    const pool = await admin.send(
      new sdk.CreateUserPoolCommand({ PoolName: 'bench', UsernameAttributes: ['email'] }),
    );
    const poolId = pool.UserPool.Id;
    const client = await admin.send(
      new sdk.CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'bench',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    await admin.send(
      new sdk.AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        TemporaryPassword: `Tmp-${password}`,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: username }],
      }),
    );
    await admin.send(
      new sdk.AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    );
    admin.destroy();
    return { endpoint, poolId, clientId: client.UserPoolClient.ClientId, username, password, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
