// The scripted client of `npm run demo:server`, run in-process against the real server: every check
// passes, and nothing it prints holds a token or a key.
import { runScenario } from '../src/scenario';
import { startGameWorld, type GameWorld } from '../src/world';

let world: GameWorld;

beforeAll(async () => {
  world = await startGameWorld();
});

afterAll(async () => {
  await world?.stop();
});

it('runs the demo script to the end, printing checks and no secret', async () => {
  const lines: string[] = [];
  await runScenario(world, (line) => lines.push(line));
  const output = lines.join('\n');
  expect(output).toContain(
    'one GetCredentialsForIdentity per player for the four requests, not one per request',
  );
  expect(lines.filter((l) => l.trim().startsWith('ok')).length).toBeGreaterThanOrEqual(20);
  // No JWT (the provider tokens), no AWS key material, no cookie value.
  expect(output).not.toMatch(/eyJ[\w-]+\./);
  expect(output).not.toMatch(/ASIA[A-Z0-9]{12,}|secret/i);
  expect(output).not.toMatch(/pb\.[^\s=]*=/);
});
