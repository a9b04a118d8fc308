/**
 * The game's user pool: cognito-local (a child process on a free loopback port) behind the emulator
 * package's SRP front with its passwordless option, so that a player can register a passkey and sign in
 * with it. The relying party is the page: its host is the relying party id, its origin the one origin a
 * passkey ceremony may come from. One player is created up front (no sign-up in the game).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startUserPoolSrpFront, type UserPoolSrpFront } from '@plugboard/cognito-identity-emulator';

export const PLAYER = 'player@example.com';

export interface GameUserPool {
  readonly poolId: string;
  readonly clientId: string;
  /** The SRP front: the endpoint the page signs in at. */
  readonly front: UserPoolSrpFront;
  /** `iss` of the pool's tokens (cognito-local); its keys are at `${issuer}/.well-known/jwks.json`. */
  readonly issuer: string;
  /** The pre-created player and their password (made up at each start). */
  readonly player: { readonly username: string; readonly password: string };
  stop(): Promise<void>;
}

const READY = /Cognito Local running on https?:\/\/([\d.]+):(\d+)/;

/** A port that was free a moment ago: cognito-local needs its port up front (it writes it into `iss`). */
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

async function startCognitoLocal(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'plugboard-game-pool-'));
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killChild = (): void => void child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.removeListener('exit', killChild));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`cognito-local did not start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer): void => {
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
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}

const adminClient = (endpoint: string): CognitoIdentityProviderClient =>
  new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
  });

/** Starts the pool for a page served at `pageOrigin` (`http://localhost:PORT`). */
export async function startGameUserPool(pageOrigin: string): Promise<GameUserPool> {
  const local = await startCognitoLocal();
  const stops: (() => Promise<void>)[] = [() => local.stop()];
  const stop = async (): Promise<void> => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const upstream = adminClient(local.endpoint);
    stops.push(async () => upstream.destroy());
    const pool = await upstream.send(
      new CreateUserPoolCommand({ PoolName: 'browser-game', UsernameAttributes: ['email'] }),
    );
    const poolId = pool.UserPool!.Id!;
    const client = await upstream.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'browser-game',
        ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const front = await startUserPoolSrpFront({
      upstream: local.endpoint,
      passwordless: {
        allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'],
        relyingPartyId: new URL(pageOrigin).hostname,
        origins: [pageOrigin],
      },
    });
    stops.push(() => front.stop());
    // Through the front, which learns the password (it proves SRP and fetches passwordless tokens with it).
    const admin = adminClient(front.endpoint);
    stops.push(async () => admin.destroy());
    const player = { username: PLAYER, password: `Pl4y-${randomBytes(9).toString('base64url')}!` };
    await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: player.username,
        TemporaryPassword: `Tmp-${player.password}`,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: player.username }],
      }),
    );
    await admin.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: player.username,
        Password: player.password,
        Permanent: true,
      }),
    );
    return {
      poolId,
      clientId: client.UserPoolClient!.ClientId!,
      front,
      issuer: `${local.endpoint}/${poolId}`,
      player,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
