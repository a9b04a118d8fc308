import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** A real user-pool emulator (cognito-local) running as a child process on a free loopback port. */
export interface UserPoolEmulator {
  readonly endpoint: string;
  /** `iss` of its tokens is `${issuerDomain}/${poolId}`. */
  readonly issuerDomain: string;
  readonly port: number;
  /** Where cognito-local keeps its database (`<poolId>.json` per pool, `clients.json`). */
  readonly dataDirectory: string;
  /** An admin client for arranging pools and users (signed with throw-away credentials). */
  readonly admin: CognitoIdentityProviderClient;
  createPool(options?: {
    clientSecret?: boolean;
  }): Promise<{ poolId: string; clientId: string; clientSecret?: string }>;
  /** A confirmed user with a permanent password, or one that must choose a new password at first sign-in. */
  createUser(
    poolId: string,
    username: string,
    password: string,
    options?: { temporary?: boolean },
  ): Promise<void>;
  stop(): Promise<void>;
}

const READY = /Cognito Local running on https?:\/\/([\d.]+):(\d+)/;

/** A port that was free a moment ago. cognito-local needs its port up front: it writes it into `iss`. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
  });
}

export interface StartUserPoolEmulatorOptions {
  /** Every one-time code the emulator sends (sign-up, attributes, SMS MFA) is this code. Default: random codes. */
  readonly code?: string;
  /**
   * Pool databases to start with, by pool id (cognito-local's `{ Options, Users }` file form): for user
   * settings no API sets, like the legacy SMS `MFAOptions`. cognito-local reads pool files at start only.
   */
  readonly seedPools?: Readonly<Record<string, object>>;
}

export async function startUserPoolEmulator(
  options: StartUserPoolEmulatorOptions = {},
  attempt = 1,
): Promise<UserPoolEmulator> {
  try {
    return await startOnce(await freePort(), options);
  } catch (error) {
    if (attempt >= 3) throw error;
    return startUserPoolEmulator(options, attempt + 1); // the port was taken in between
  }
}

async function startOnce(
  chosenPort: number,
  { code, seedPools = {} }: StartUserPoolEmulatorOptions,
): Promise<UserPoolEmulator> {
  const dir = await mkdtemp(join(tmpdir(), 'plugboard-cognito-local-'));
  const dataDirectory = join(dir, '.cognito', 'db');
  await mkdir(dataDirectory, { recursive: true });
  for (const [poolId, database] of Object.entries(seedPools)) {
    await writeFile(join(dataDirectory, `${poolId}.json`), JSON.stringify(database));
  }
  const child: ChildProcess = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: String(chosenPort),
      HOST: '127.0.0.1',
      NODE_NO_WARNINGS: '1',
      ...(code === undefined ? {} : { CODE: code }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If this process ends without stop() (a watchdog's process.exit), the child must not outlive it.
  const killChild = (): void => void child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.removeListener('exit', killChild));
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`cognito-local did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer): void => {
      // eslint-disable-next-line no-control-regex
      output += chunk.toString().replace(/\u001b\[[0-9;]*m/g, '');
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[2]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cognito-local exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const admin = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
  });
  return {
    endpoint,
    issuerDomain: endpoint,
    port,
    dataDirectory,
    admin,
    async createPool({ clientSecret = false } = {}) {
      const pool = await admin.send(
        new CreateUserPoolCommand({ PoolName: `pool-${Date.now()}`, UsernameAttributes: ['email'] }),
      );
      const poolId = pool.UserPool!.Id!;
      const client = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'app',
          GenerateSecret: clientSecret,
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      );
      return {
        poolId,
        clientId: client.UserPoolClient!.ClientId!,
        ...(client.UserPoolClient!.ClientSecret ? { clientSecret: client.UserPoolClient!.ClientSecret } : {}),
      };
    },
    createUser: (poolId, username, password, options) =>
      createPoolUser(admin, poolId, username, password, options),
    async stop() {
      admin.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a confirmed user with a permanent password (or, with `temporary`, one that must choose a new
 * password at first sign-in) through `admin`, a client of cognito-local or of a front before it.
 */
export async function createPoolUser(
  admin: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  password: string,
  { temporary = false }: { temporary?: boolean } = {},
): Promise<void> {
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: temporary ? password : `Tmp-${password}`,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: username }],
    }),
  );
  if (!temporary) {
    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    );
  }
}
