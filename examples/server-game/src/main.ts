// `npm run demo:server`: starts the game server with its backend in this process and drives it with a
// scripted client. Exits 0 when every check passed.
import './quietSdk';
import { runScenario } from './scenario';
import { startGameWorld } from './world';

async function main(): Promise<void> {
  const world = await startGameWorld();
  try {
    await runScenario(world, (line) => console.log(line));
  } finally {
    await world.stop();
  }
  console.log('\nevery check passed');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
