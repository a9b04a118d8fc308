// The READMEs cannot drift: every TypeScript block of README.md and packages/*/README.md is marked complete
// or a fragment (readmeBlocks.ts). All are pasted into a fresh project whose packages are the packed
// tarballs (packedApp.ts) and compiled there with strict TypeScript; the complete ones are run with node.
// A block must exit 0 and print, in order, what its `// prints "..."` comments say. What a complete block
// declares with `declare const` (the app's own values) is supplied by this test as globals, for real: the
// user-pool block signs in against cognito-local, started here, the quick start's block federates against
// the demo game's backend (the emulator and SigV4-checked dynalite), and the bridge's block reads an
// amplify_outputs.json written here for an emulator started here.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { cleanEnv, packedApp, run } from './packedApp';
import { allBlocks, readmeFiles, unmarkedCodeBlocks, type ReadmeBlock } from './readmeBlocks';
import { repoRoot } from './support';
import { startUserPoolEmulator, type UserPoolEmulator } from '../src/localUserPool';
import { startGameBackend, type GameBackend } from '../src/game/gameBackend';

const blocks = allBlocks();
const complete = blocks.filter((b) => b.kind === 'test');
const byName = (name: string): ReadmeBlock => complete.find((b) => b.name === name)!;

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

describe("the README's Install section", () => {
  it('installs, per use case, only packages this repository publishes or that they name as peers', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = /## Install\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const commands = [...section.matchAll(/^npm install (.+)$/gm)].map((m) => m[1]!.split(/\s+/));
    expect(commands.length).toBeGreaterThanOrEqual(4);
    const published = new Map(
      readdirSync(join(repoRoot, 'packages')).map((folder) => {
        const manifest = JSON.parse(
          readFileSync(join(repoRoot, 'packages', folder, 'package.json'), 'utf8'),
        ) as {
          name: string;
          peerDependencies?: Record<string, string>;
        };
        return [manifest.name, Object.keys(manifest.peerDependencies ?? {})] as const;
      }),
    );
    for (const words of commands) {
      const names = words.filter((word) => !word.startsWith('-'));
      const peers = new Set(names.flatMap((name) => published.get(name) ?? []));
      // Every @plugboard name is a package here; anything else is a peer of one named in the same line.
      for (const name of names)
        expect({ name, known: published.has(name) || peers.has(name) }).toEqual({ name, known: true });
      // And every peer of a package named is installed with it.
      for (const peer of peers)
        if (!peer.startsWith('@aws-amplify/'))
          expect({ peer, installed: names.includes(peer) }).toEqual({ peer, installed: true });
    }
    expect(
      commands.some(
        (words) => words.includes('--save-dev') && words.includes('@plugboard/cognito-identity-emulator'),
      ),
    ).toBe(true);
  });
});

describe('README code blocks, pasted into a fresh project', () => {
  let app: string | undefined;
  let userPools: UserPoolEmulator | undefined;
  let game: GameBackend | undefined;
  let identity: CognitoIdentityEmulator | undefined;

  beforeAll(() => {
    app = packedApp('plugboard-readme-').app;
    for (const block of blocks) writeFileSync(join(app, 'src', `${block.name}.mts`), block.code);
    // The bridge's block imports its outputs file, as an app does; the test fills it in before running.
    writeFileSync(join(app, 'src', 'amplify_outputs.json'), '{}\n');
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          // DOM: aws-amplify's declarations (the bridge's block) need it, as web apps have it anyway.
          lib: ['ES2022', 'DOM'],
          module: 'nodenext',
          moduleResolution: 'nodenext',
          resolveJsonModule: true,
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
    await identity?.stop();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it('marks every TypeScript block of every README as complete or as a fragment', () => {
    expect(readmeFiles()).toEqual(expect.arrayContaining(['README.md', 'packages/core/README.md']));
    expect(readmeFiles().flatMap(unmarkedCodeBlocks)).toEqual([]);
  });

  it('finds the complete blocks, each saying what it prints, and names every block once', () => {
    expect(complete.map((b) => b.name)).toEqual(
      expect.arrayContaining(['quick-start', 'federation', 'user-pool', 'bridge', 'emulator']),
    );
    expect(new Set(blocks.map((b) => b.name)).size).toBe(blocks.length);
    expect(complete.filter((b) => b.prints.length === 0).map((b) => b.name)).toEqual([]);
  });

  it('declares at the top of each fragment what it assumes', () => {
    // A fragment compiles (next test) only if every name it uses is imported or declared; the
    // declarations come first so that a reader sees what the fragment leaves to them.
    for (const block of blocks.filter((b) => b.kind === 'fragment')) {
      const lines = block.code.split('\n').filter((line) => line.trim() !== '');
      const firstCode = lines.findIndex((line) => !/^(import |declare |\/\/)/.test(line));
      const lastHeader = lines.reduce((last, line, i) => (/^(import |declare )/.test(line) ? i : last), -1);
      expect({ block: block.name, headerEndsBeforeCode: lastHeader < firstCode || firstCode < 0 }).toEqual({
        block: block.name,
        headerEndsBeforeCode: true,
      });
    }
  });

  it('compiles every block, complete or fragment, with strict TypeScript against the packed declarations', () => {
    run(process.execPath, [join(app!, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], app!);
    for (const block of complete)
      expect(readFileSync(join(app!, 'dist', `${block.name}.mjs`), 'utf8')).toContain('@plugboard/');
  }, 90_000);

  // Complete blocks that need nothing from the test: they start what they use themselves.
  const standalone = complete.filter((b) => !['quick-start', 'user-pool', 'bridge'].includes(b.name));
  it.each(standalone.map((b) => [b.name, b] as const))(
    'runs the %s block as is',
    async (_name, block) => {
      expectPrints(await runBlock(app!, block.name, {}), block);
    },
    40_000,
  );

  it('runs the user-pool block against cognito-local, the user choosing a new password at first sign-in', async () => {
    const block = byName('user-pool');
    userPools = await startUserPoolEmulator();
    const { poolId, clientId } = await userPools.createPool();
    const password = 'Readme-Temp-Passw0rd!';
    await userPools.createUser(poolId, 'alice@example.com', password, { temporary: true });
    const globals = {
      userPool: { PoolId: poolId, AppClientId: clientId, Region: 'us-east-1', Endpoint: userPools.endpoint },
      password,
      newPassword: 'Readme-New-Passw0rd!',
    };
    expectPrints(await runBlock(app!, block.name, globals), block);
    // The new password took: a second run signs in with it and no challenge.
    expectPrints(await runBlock(app!, block.name, { ...globals, password: globals.newPassword }), block);
  }, 60_000);

  it("runs the quick start's block as is: it federates and gives a DynamoDB client the credentials, each signature verified", async () => {
    const block = byName('quick-start');
    // The game's backend: the emulator behind a tap that learns the secret keys it issues, and dynalite
    // behind a check that verifies each SigV4 signature and allows only items keyed by the caller's id.
    game = await startGameBackend(Date.now);
    const start = game.mark();
    const output = await runBlock(
      app!,
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

  it("runs the bridge's block with an amplify_outputs.json: aws-amplify's fetchAuthSession answers the federated identity", async () => {
    const block = byName('bridge');
    identity = await startCognitoIdentityEmulator();
    const poolId = await identity.createIdentityPool({
      supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
    });
    const outputs = {
      version: '1.4',
      auth: { aws_region: 'us-east-1', identity_pool_id: poolId, identity_pool_endpoint: identity.endpoint },
    };
    writeFileSync(join(app!, 'dist', 'amplify_outputs.json'), JSON.stringify(outputs));
    const facebookToken = await identity.issueProviderToken({
      providerName: 'graph.facebook.com',
      subject: 'readme-bridge',
    });
    const output = await runBlock(app!, block.name, { facebookToken });
    expectPrints(output, block);
    expect(output).toContain(identity.identities(poolId)[0]!.identityId);
  }, 60_000);
});
