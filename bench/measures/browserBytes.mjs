// 8. Browser bytes to federate and call DynamoDB: each app bundled with esbuild (minified, browser,
// ESM, code splitting), run in headless Chromium against the emulator and dynalite; the gzip bytes of
// the JavaScript files the page actually downloaded (initial chunks plus the lazy ones the flow reached).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleEntry, entryChunk } from '../lib/appBundle.mjs';
import { benchDir } from '../lib/child.mjs';
import { chromiumPath, loadedFiles } from '../lib/browserPage.mjs';
import { row } from '../lib/row.mjs';

const require = createRequire(import.meta.url);
const ENTRIES = { plugboard: 'plugboardBrowserGame', awsAmplify: 'awsAmplifyBrowserGame' };
const TABLE = 'BenchScores';
const PROVIDER = 'graph.facebook.com';

/** Bundles one entry into `outdir`; resolves to the entry file and the output graph. */
async function bundle(name, outdir) {
  const metafile = await bundleEntry(name, outdir);
  // Output paths in the metafile are relative to absWorkingDir; the page sees them relative to outdir.
  const local = (file) => relative(outdir, join(benchDir, file)).split('\\').join('/');
  const outputs = Object.fromEntries(
    Object.entries(metafile.outputs).map(([file, meta]) => [
      local(file),
      { ...meta, imports: meta.imports.map((i) => (i.external ? i : { ...i, path: local(i.path) })) },
    ]),
  );
  return { entry: entryChunk(outputs, name), outputs };
}

/** Files reachable from the entry through static imports, and through any import at all. */
function reachable(outputs, entry) {
  const walk = (kinds) => {
    const seen = new Set();
    const visit = (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of outputs[file].imports) if (!i.external && kinds.includes(i.kind)) visit(i.path);
    };
    visit(entry);
    return seen;
  };
  return { initial: walk(['import-statement']), everything: walk(['import-statement', 'dynamic-import']) };
}

async function startBackends() {
  const { startCognitoIdentityEmulator } = await import('@plugboard/cognito-identity-emulator');
  const { DynamoDBClient, CreateTableCommand } = await import('@aws-sdk/client-dynamodb');
  const emulator = await startCognitoIdentityEmulator({ port: 0 });
  const identityPoolId = await emulator.createIdentityPool({
    allowUnauthenticatedIdentities: true, // aws-amplify's flow without a user pool is a guest session
    supportedLoginProviders: { [PROVIDER]: 'bench-app' },
  });
  const dynalite = require('dynalite')({ createTableMs: 0 });
  await new Promise((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
  const dynamoEndpoint = `http://127.0.0.1:${dynalite.address().port}`;
  const admin = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamoEndpoint,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-not-a-secret' },
  });
  await admin.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'identityId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'identityId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  admin.destroy();
  const config = {
    region: 'us-east-1',
    identityPoolId,
    cognitoEndpoint: emulator.endpoint,
    dynamoEndpoint,
    tableName: TABLE,
    providerToken: await emulator.issueProviderToken({ providerName: PROVIDER, subject: 'bench-player' }),
  };
  const stop = async () => {
    await emulator.stop();
    await new Promise((resolve) => dynalite.close(resolve));
  };
  return { config, stop };
}

export async function measure() {
  const executable = chromiumPath();
  const dirs = Object.fromEntries(
    Object.keys(ENTRIES).map((who) => [who, mkdtempSync(join(tmpdir(), `plugboard-bench-${who}-`))]),
  );
  const backends = executable ? await startBackends() : undefined;
  let browser;
  try {
    const measured = {};
    if (executable) {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: executable,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    }
    const bundles = Object.fromEntries(
      await Promise.all(
        Object.entries(ENTRIES).map(async ([who, name]) => [who, await bundle(name, dirs[who])]),
      ),
    );
    for (const [who, name] of Object.entries(ENTRIES)) {
      const dir = dirs[who];
      const { entry, outputs } = bundles[who];
      const gzip = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
      const { initial, everything } = reachable(outputs, entry);
      const loaded = browser ? new Set(await loadedFiles(browser, dir, entry, backends.config)) : everything; // no browser: every chunk the entry can reach, an upper bound
      for (const file of loaded) {
        if (!everything.has(file))
          throw new Error(`${name}: the page loaded ${file}, not part of its bundle`);
      }
      const sum = (files) => [...files].reduce((total, f) => total + gzip(f), 0);
      const lazy = [...loaded].filter((f) => !initial.has(f));
      measured[who] = {
        bytes: sum(loaded),
        initial: sum(initial),
        lazyCount: lazy.length,
        // The modules the page loaded through import(), e.g. Plugboard's identity-pool client.
        lazyModules: lazy
          .map((f) => outputs[f].entryPoint)
          .filter(Boolean)
          .map((m) => m.replace(/^.*\/(node_modules|dist\/esm)\//, '')),
        unreached: [...everything].filter((f) => !loaded.has(f)).length,
      };
    }
    const { plugboard: pb, awsAmplify: aws } = measured;
    const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
    const how = browser
      ? 'chunks downloaded by headless Chromium running the flow against the emulator and dynalite'
      : 'NO CHROMIUM: every chunk reachable from the entry, an upper bound (apt-get install -y chromium)';
    return [
      row({
        group: 'browserBytes',
        name: 'browser bytes to federate and call DynamoDB',
        plugboard: pb.bytes,
        awsAmplify: aws.bytes,
        unit: 'B gzip',
        target: { kind: 'ratioAtMost', value: 1, label: '1' },
        note:
          `${how}. Plugboard: ${kb(pb.initial)} initial + ${pb.lazyCount} lazy chunk(s)` +
          `${pb.lazyModules.length ? ` (${pb.lazyModules.join(', ')})` : ''}, ` +
          `${pb.unreached} chunk(s) never loaded; aws-amplify: ${kb(aws.initial)} initial + ` +
          `${aws.lazyCount} lazy, ${aws.unreached} never loaded. Both include the same DynamoDB client; ` +
          'Plugboard federates a provider token, aws-amplify (no user pool) fetches a guest session.',
      }),
    ];
  } finally {
    await browser?.close();
    await backends?.stop();
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}
