#!/usr/bin/env node
/** `plugboard-cognito-emulator`: runs the emulator from a shell with a ready identity pool. */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCliArgs, USAGE, type CliOptions } from './cliArgs.js';
import { startCognitoIdentityEmulator } from './emulator.js';
import { HEALTH_PATH, TEST_IDP_TOKEN_PATH } from './httpServer.js';
import { CliOutput } from './cliOutput.js';
import { amplifyConfiguration, amplifyOutputs, configText } from './printConfig.js';
import type { CognitoIdentityEmulator } from './types.js';

/** Exit codes: 0 stopped by a signal, 1 could not start, 2 bad arguments, 3 address already in use. */
const EXIT_START_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_ADDRESS_IN_USE = 3;

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
  const running: { emulator?: CognitoIdentityEmulator } = {};
  let stopping = false;
  const stop = (then: () => void): void => {
    if (stopping) return;
    stopping = true;
    (running.emulator?.stop() ?? Promise.resolve()).then(then, (error: unknown) => {
      output.error(`Error while stopping: ${(error as Error).message}`);
      process.exit(EXIT_START_FAILED);
    });
  };
  // Nobody reads stdout any more (`... | head`): stop quietly, as a pipeline expects.
  const output = new CliOutput(options.json, options.logLevel, () => stop(() => process.exit(0)));
  const emulator = await startCognitoIdentityEmulator({
    port: options.port,
    host: options.host,
    allowRemote: options.allowRemote,
    allowedHosts: options.allowedHosts,
    stateFile: options.stateFile,
    region: options.region,
    credentialsLifetimeSeconds: options.credentialsLifetimeSeconds,
    maxRecordedRequests: options.maxRecordedRequests,
    onRequest: (entry) => output.request(entry),
  });
  running.emulator = emulator;
  const shutdown = (signal: NodeJS.Signals): void => {
    output.notice('stopping', `Received ${signal}, stopping.`, { signal });
    stop(() => {
      output.notice('stopped', 'Stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const poolId = await readyPool(emulator);
  printBanner(output, emulator, poolId, options.printConfig);
}

function printBanner(
  output: CliOutput,
  emulator: CognitoIdentityEmulator,
  poolId: string,
  printConfig: boolean,
): void {
  const { accessKeyId, secretAccessKey } = emulator.controlPlaneCredentials;
  const { endpoint, region } = emulator;
  const mintUrl = `${endpoint}${TEST_IDP_TOKEN_PATH}?provider=graph.facebook.com&sub=alice`;
  const target = { endpoint, identityPoolId: poolId, region, allowUnauthenticatedIdentities: true };
  const lines = [
    `Cognito Identity emulator listening on ${endpoint}`,
    `Identity pool: ${poolId}`,
    `Region: ${region}`,
    `Signed operations accept the access key ${accessKeyId} with the secret ${secretAccessKey}`,
    `Health: ${endpoint}${HEALTH_PATH}`,
    `Login providers: ${Object.keys(COMMON_PROVIDERS).join(', ')}`,
    `Developer provider: ${DEVELOPER_PROVIDER_NAME}`,
    `Test IdP JWKS: ${emulator.jwksUri}`,
    `Mint a test token: curl '${mintUrl}'`,
    ...(printConfig ? [configText(target)] : []),
    'Press Ctrl+C to stop.',
  ];
  output.event('started', lines, {
    endpoint,
    identityPoolId: poolId,
    region,
    controlPlaneCredentials: { accessKeyId, secretAccessKey },
    healthUrl: `${endpoint}${HEALTH_PATH}`,
    loginProviders: Object.keys(COMMON_PROVIDERS),
    developerProvider: DEVELOPER_PROVIDER_NAME,
    jwksUri: emulator.jwksUri,
    testIdpTokenUrl: `${endpoint}${TEST_IDP_TOKEN_PATH}`,
    ...(printConfig
      ? { amplifyConfiguration: amplifyConfiguration(target), amplifyOutputs: amplifyOutputs(target) }
      : {}),
  });
}

/** The version in the package.json next to the built `dist/<format>/cli.js`. */
function packageVersion(): string {
  const script = realpathSync(process.argv[1] ?? '.');
  const manifest = join(dirname(script), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function startFailure(error: unknown, options: CliOptions): void {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    console.error(`Could not start the emulator: ${options.host}:${options.port} is already in use.`);
    console.error(
      'Stop what uses it, pick another port with --port N (or PORT=N), or pass --port 0 for any free port.',
    );
    process.exit(EXIT_ADDRESS_IN_USE);
  }
  // A StateFileError's message names the file and the fix.
  console.error(`Could not start the emulator: ${(error as Error).message}`);
  process.exit(EXIT_START_FAILED);
}

function main(): void {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    process.exit(EXIT_USAGE);
  }
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0); // `--help | head`: nobody reads the rest
  });
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.version) {
    console.log(packageVersion());
    return;
  }
  process.stdout.removeAllListeners('error');
  run(options).catch((error: unknown) => startFailure(error, options));
}

main();
