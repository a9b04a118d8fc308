/** `npm run demo:web`: builds the page, starts the local services and prints the URL. */
import './quietSdk';
import { startGameServer } from './gameServer';

async function main(): Promise<void> {
  const game = await startGameServer({ pageReportsKeys: true });
  console.log('Plugboard browser game');
  console.log(
    `  Cognito Identity emulator     ${game.emulator.endpoint} (identity pool ${game.identityPoolId})`,
  );
  console.log(`  DynamoDB + S3 (SigV4-checked) ${game.front.endpoint}`);
  console.log(`\n  Open ${game.url}\n`);
  console.log('Play, save a score, reload: the session comes back from localStorage. Ctrl+C stops.');
  let seen = 0;
  const timer = setInterval(() => {
    for (const record of game.front.records().slice(seen)) {
      const verdict = record.verified ? 'signature verified' : `refused: ${record.reason}`;
      console.log(
        `  ${record.service} ${record.operation} by ${record.accessKeyId ?? '?'}: ${verdict} (${record.status})`,
      );
    }
    seen = game.front.records().length;
  }, 500);
  const shutdown = (): void => {
    clearInterval(timer);
    void game.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
