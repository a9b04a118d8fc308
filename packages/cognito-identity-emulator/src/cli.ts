#!/usr/bin/env node
/** `plugboard-cognito-emulator`: runs the emulator from a shell with a ready identity pool. */
import { parseCliArgs, USAGE, type CliOptions } from './cliArgs.js';
import { startCognitoIdentityEmulator } from './emulator.js';
import { TEST_IDP_TOKEN_PATH } from './httpServer.js';
import type { CognitoIdentityEmulator } from './types.js';

const CLI_POOL_NAME = 'plugboard-cli';
const DEVELOPER_PROVIDER_NAME = 'login.plugboard.dev';
const COMMON_PROVIDERS: Record<string, string> = {
  'graph.facebook.com': 'plugboard-facebook-app',
  'accounts.google.com': 'plugboard-google-client',
  'www.amazon.com': 'plugboard-amazon-app',
  'appleid.apple.com': 'plugboard-apple-service',
  'api.twitter.com': 'plugboard-twitter-key',
};

async function readyPool(emulator: CognitoIdentityEmulator): Promise<string> {
  const existing = emulator.identityPools().find((p) => p.identityPoolName === CLI_POOL_NAME);
  if (existing) return existing.identityPoolId;
  return emulator.createIdentityPool({
    identityPoolName: CLI_POOL_NAME,
    allowUnauthenticatedIdentities: true,
    supportedLoginProviders: COMMON_PROVIDERS,
    developerProviderName: DEVELOPER_PROVIDER_NAME,
  });
}

async function run(options: CliOptions): Promise<void> {
  const emulator = await startCognitoIdentityEmulator({
    port: options.port,
    host: options.host,
    allowRemote: options.allowRemote,
    stateFile: options.stateFile,
    region: options.region,
    credentialsLifetimeSeconds: options.credentialsLifetimeSeconds,
  });
  const poolId = await readyPool(emulator);
  console.log(`Cognito Identity emulator listening on ${emulator.endpoint}`);
  console.log(`Identity pool: ${poolId}`);
  console.log(`Login providers: ${Object.keys(COMMON_PROVIDERS).join(', ')}`);
  console.log(`Developer provider: ${DEVELOPER_PROVIDER_NAME}`);
  console.log(`Test IdP JWKS: ${emulator.jwksUri}`);
  console.log(
    `Mint a test token: curl '${emulator.endpoint}${TEST_IDP_TOKEN_PATH}?provider=graph.facebook.com&sub=alice'`,
  );
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, stopping.`);
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function main(): void {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  run(options).catch((error: unknown) => {
    console.error(`Could not start the emulator: ${(error as Error).message}`);
    process.exit(1);
  });
}

main();
