// The README cannot drift: every TypeScript block marked `<!-- readme-test: NAME -->` is pasted into a fresh
// project installed from the packed tarballs, compiled there with strict TypeScript, and run with node.
// A block must exit 0 and print, in order, what its `// prints "..."` comments say. What a block declares
// with `declare const` (the app's own values) is supplied by this test as globals, for real: the user-pool
// block signs in against cognito-local, started here, and the quick start's block federates against the
// demo game's backend (the emulator and SigV4-checked dynalite), started here too.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, installPackedApp, run, type PackedApp } from './packedApp';
import { repoRoot } from './support';
import { startUserPoolEmulator, type UserPoolEmulator } from '../src/localUserPool';
import { startGameBackend, type GameBackend } from '../src/game/gameBackend';

interface ReadmeBlock {
  readonly name: string;
  readonly code: string;
  /** Each `// prints "..."` of the block, as a pattern for one line of output. */
  readonly prints: readonly RegExp[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `<uuid>`-style placeholders in a `prints` comment stand for any run of non-space characters. */
function printedLine(expected: string): RegExp {
  const pattern = expected
    .split(/(<[^>]+>)/)
    .map((part) => (/^<[^>]+>$/.test(part) ? '\\S+' : escapeRegExp(part)))
    .join('');
  return new RegExp(`^${pattern}$`);
}

function markedBlocks(markdown: string): ReadmeBlock[] {
  return [...markdown.matchAll(/<!-- readme-test: ([\w-]+) -->\n```ts\n([\s\S]*?)\n```/g)].map((m) => ({
    name: m[1]!,
    code: `${m[2]!}\n`,
    prints: [...m[2]!.matchAll(/\/\/ prints "([^"]+)"/g)].map((p) => printedLine(p[1]!)),
  }));
}

/** The DynamoDB client the README's block is compiled and run with: the one the repository tests with. */
const DYNAMODB_CLIENT_VERSION = (
  JSON.parse(
    readFileSync(join(repoRoot, 'node_modules', '@aws-sdk', 'client-dynamodb', 'package.json'), 'utf8'),
  ) as { version: string }
).version;

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const blocks = markedBlocks(readme);

/** Runs `dist/NAME.mjs` of the app with `globals` set and `env` added; returns stdout, throws with stderr. */
async function runBlock(
  app: string,
  name: string,
  globals: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<string> {
  const harness = join(app, `run-${name}.mjs`);
  writeFileSync(
    harness,
    [
      `Object.assign(globalThis, ${JSON.stringify(globals)});`,
      `await import('./dist/${name}.mjs');`,
      '',
    ].join('\n'),
  );
  try {
    // Asynchronous: the block's backends may be servers in this process, which must keep answering.
    const { stdout } = await promisify(execFile)(process.execPath, [harness], {
      cwd: app,
      env: { ...cleanEnv(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      encoding: 'utf8',
      timeout: 30_000, // a block that leaves a server or timer running never exits
    });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string; signal?: string };
    throw new Error(
      `README block ${name} failed (${e.signal ?? 'exit'}):\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`,
    );
  }
}

function expectPrints(output: string, block: ReadmeBlock): void {
  const lines = output.split('\n');
  let from = 0;
  for (const pattern of block.prints) {
    const at = lines.findIndex((line, i) => i >= from && pattern.test(line));
    expect({ pattern: pattern.source, found: at >= 0, output }).toMatchObject({ found: true });
    from = at + 1;
  }
}

describe('README code blocks, pasted into a fresh project', () => {
  let packed: PackedApp | undefined;
  let userPools: UserPoolEmulator | undefined;
  let game: GameBackend | undefined;

  beforeAll(() => {
    packed = installPackedApp('plugboard-readme-', [
      'typescript@5.9.3',
      '@types/node@20',
      `@aws-sdk/client-dynamodb@${DYNAMODB_CLIENT_VERSION}`,
    ]);
    for (const block of blocks) writeFileSync(join(packed.app, 'src', `${block.name}.mts`), block.code);
    writeFileSync(
      join(packed.app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          types: ['node'],
          outDir: 'dist',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await userPools?.stop();
    await game?.stop();
    if (packed) rmSync(packed.work, { recursive: true, force: true });
  });

  it('finds the runnable blocks of the quick start and the Usage section, each saying what it prints', () => {
    expect(blocks.map((b) => b.name)).toEqual(
      expect.arrayContaining(['quick-start', 'federation', 'user-pool']),
    );
    expect(new Set(blocks.map((b) => b.name)).size).toBe(blocks.length);
    expect(blocks.filter((b) => b.prints.length === 0).map((b) => b.name)).toEqual([]);
  });

  it('compiles every marked block with strict TypeScript against the packed declarations', () => {
    const app = packed!.app;
    run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app);
    for (const block of blocks)
      expect(readFileSync(join(app, 'dist', `${block.name}.mjs`), 'utf8')).toContain('@plugboard/');
  }, 60_000);

  it('runs the federation block as is: it starts, uses and stops the emulator itself', async () => {
    const block = blocks.find((b) => b.name === 'federation')!;
    expectPrints(await runBlock(packed!.app, block.name, {}), block);
  }, 40_000);

  it('runs the user-pool block against cognito-local, the user choosing a new password at first sign-in', async () => {
    const block = blocks.find((b) => b.name === 'user-pool')!;
    userPools = await startUserPoolEmulator();
    const { poolId, clientId } = await userPools.createPool();
    const password = 'Readme-Temp-Passw0rd!';
    await userPools.createUser(poolId, 'alice@example.com', password, { temporary: true });
    const globals = {
      userPool: { PoolId: poolId, AppClientId: clientId, Region: 'us-east-1', Endpoint: userPools.endpoint },
      password,
      newPassword: 'Readme-New-Passw0rd!',
    };
    expectPrints(await runBlock(packed!.app, block.name, globals), block);
    // The new password took: a second run signs in with it and no challenge.
    expectPrints(
      await runBlock(packed!.app, block.name, { ...globals, password: globals.newPassword }),
      block,
    );
  }, 60_000);

  it("runs the quick start's block as is: it federates and gives a DynamoDB client the credentials, each signature verified", async () => {
    const block = blocks.find((b) => b.name === 'quick-start')!;
    // The game's backend: the emulator behind a tap that learns the secret keys it issues, and dynalite
    // behind a check that verifies each SigV4 signature and allows only items keyed by the caller's id.
    game = await startGameBackend(Date.now);
    const start = game.mark();
    const output = await runBlock(
      packed!.app,
      block.name,
      { amplifyConfig: game.config, facebookToken: await game.token('readme-player') },
      { AWS_ENDPOINT_URL_DYNAMODB: game.dynamo.endpoint },
    );
    expectPrints(output, block);
    expect(game.requestsSince(start)).toEqual(['GetId', 'GetCredentialsForIdentity']);
    expect(game.dynamo.rejected).toEqual([]);
    expect(game.dynamo.accepted.map((c) => c.operation)).toEqual(['PutItem', 'GetItem']);
    const ids = new Set(game.dynamo.accepted.map((c) => c.identityId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  }, 60_000);
});
