/** `npm run demo:web`: builds the page, starts the local services and prints the URL. */
import './quietSdk';
import { GAME_USAGE, parseGameArgs, type GameArgs } from './args';
import { startGameServer, type GameServer } from './gameServer';

/** Exit codes: 0 stopped by Ctrl+C or SIGTERM, 1 could not start, 2 bad arguments, 3 port in use. */
const EXIT_START_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_PORT_IN_USE = 3;

function printRecords(game: GameServer, from: number): number {
  const records = game.front.records();
  for (const record of records.slice(from)) {
    const verdict = record.verified ? 'signature verified' : `refused: ${record.reason}`;
    console.log(
      `  ${record.service} ${record.operation} by ${record.accessKeyId ?? '?'}: ${verdict} (${record.status})`,
    );
  }
  return records.length;
}

async function run(args: GameArgs): Promise<void> {
  const game = await startGameServer({ pageReportsKeys: true, port: args.port });
  console.log('Plugboard browser game');
  console.log(
    `  Cognito Identity emulator     ${game.emulator.endpoint} (identity pool ${game.identityPoolId})`,
  );
  console.log(`  DynamoDB + S3 (SigV4-checked) ${game.front.endpoint}`);
  console.log(
    `  User pool (passkeys on)       ${game.userPool.front.endpoint} (cognito-local behind the SRP front, pool ${game.userPool.poolId})`,
  );
  console.log(`\n  Open ${game.url}\n`);
  console.log('Play, save a score, reload: the session comes back from localStorage.');
  console.log(
    `Or sign in as ${game.userPool.player.username} (the page fills in the password), register a passkey and sign in with it.`,
  );
  console.log('Ctrl+C stops.');
  let seen = 0;
  const timer = setInterval(() => (seen = printRecords(game, seen)), 500);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    printRecords(game, seen);
    console.log(
      `\nReceived ${signal}: stopping the page, the emulator, the user pool, DynamoDB and the front...`,
    );
    game.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Error while stopping: ${(error as Error).message}`);
        process.exit(EXIT_START_FAILED);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function main(): void {
  let args: GameArgs;
  try {
    args = parseGameArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    console.error(GAME_USAGE);
    process.exit(EXIT_USAGE);
  }
  if (args.help) {
    console.log(GAME_USAGE);
    return;
  }
  run(args).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Could not start the browser game: 127.0.0.1:${args.port} is already in use.`);
      console.error(
        'Stop what uses it, or pick another port: npm run demo:web -- --port N (0: any free port).',
      );
      process.exit(EXIT_PORT_IN_USE);
    }
    console.error(`Could not start the browser game: ${(error as Error).message}`);
    process.exit(EXIT_START_FAILED);
  });
}

main();
