// 15. Cognito requests per credentials expiry with N browser tabs (N = 2, 4, 8): N tabs of one origin in
// headless Chromium (one profile), each running the same app with a guest session, the tabs' clock
// moved past the credentials' expiry (the emulator's too), then every tab fetches the session at one
// moment. Requests are counted at the emulator. Plugboard's tabs share the session through localStorage
// and one refresh under a Web Lock; aws-amplify keeps credentials per tab.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleEntry, entryChunk } from '../lib/appBundle.mjs';
import { offsetClock, requestCounts, startBackend } from '../lib/auth.mjs';
import { chromiumPath } from '../lib/browserPage.mjs';
import { benchDir } from '../lib/child.mjs';
import { smoke } from '../lib/config.mjs';
import { row } from '../lib/row.mjs';
import { median } from '../lib/stats.mjs';
import { fetchTogether, openTabs, serveTabs, setOffset } from '../lib/tabPages.mjs';

const TAB_COUNTS = smoke ? [2] : [2, 4, 8];
const ROUNDS = smoke ? 1 : 3;
const LIFETIME_SECONDS = 3600; // Cognito's default credentials lifetime
const ENTRIES = { plugboard: 'plugboardTabs', awsAmplify: 'awsAmplifyTabs' };

async function launch() {
  const executablePath = chromiumPath();
  if (!executablePath)
    throw new Error('tabRequests needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

/** Bundles each entry into its own folder and serves it; resolves to { who: site }. */
async function sites(dirs, config) {
  const out = {};
  for (const [who, name] of Object.entries(ENTRIES)) {
    const { outputs } = await bundleEntry(name, dirs[who]);
    const entry = relative(dirs[who], join(benchDir, entryChunk(outputs, name)))
      .split('\\')
      .join('/');
    out[who] = await serveTabs(dirs[who], entry, config);
  }
  return out;
}

/**
 * One sample: `count` fresh tabs (a new profile) open one after the other and fetch a guest session
 * each; the clock moves past the credentials' expiry; every tab fetches at one moment.
 */
async function sample(browser, site, backend, clock, count) {
  const context = await browser.newContext();
  try {
    const tabs = await openTabs(context, site.url, count);
    const offset = () => clock.now() - Date.now();
    await setOffset(tabs, offset());
    const coldSince = backend.emulator.requests().length;
    for (const tab of tabs) await fetchTogether([tab], 0);
    const cold = backend.emulator.requests().length - coldSince;
    clock.advance((LIFETIME_SECONDS + 60) * 1000);
    await setOffset(tabs, offset());
    backend.emulator.resetRequests();
    const answers = await fetchTogether(tabs, Date.now() + 300);
    const failed = answers.filter((a) => !a.accessKeyId || a.expiration <= clock.now()).length;
    return {
      requests: backend.emulator.requests().length,
      byOperation: requestCounts(backend.emulator),
      cold,
      failed,
      keys: new Set(answers.map((a) => a.accessKeyId)).size,
    };
  } finally {
    await context.close();
  }
}

/** The first sample, said once when every round gave the same requests, else each round's count. */
const rounds = (list) =>
  list.every((s) => s.requests === list[0].requests)
    ? describe(list[0]) + (list.length > 1 ? ` (every round)` : '')
    : `${list.map((s) => s.requests).join(', ')} requests in the rounds; first: ${describe(list[0])}`;

const describe = (s) =>
  `${
    Object.entries(s.byOperation)
      .map(([op, n]) => `${n} ${op}`)
      .join(' + ') || 'no request'
  }, ${s.keys} distinct credential(s)` +
  (s.failed ? `, ${s.failed} tab(s) got expired or no credentials` : '');

export async function measure() {
  const dirs = Object.fromEntries(
    Object.keys(ENTRIES).map((who) => [who, mkdtempSync(join(tmpdir(), `plugboard-bench-tabs-${who}-`))]),
  );
  const clock = offsetClock();
  const backend = await startBackend({ now: clock.now, credentialsLifetimeSeconds: LIFETIME_SECONDS });
  let browser;
  let served = {};
  try {
    browser = await launch();
    served = await sites(dirs, {
      region: 'us-east-1',
      identityPoolId: backend.poolId,
      cognitoEndpoint: backend.emulator.endpoint,
    });
    const samples = Object.fromEntries(TAB_COUNTS.map((n) => [n, { plugboard: [], awsAmplify: [] }]));
    // Interleaved: every round runs both libraries at every N, who goes first alternating.
    for (let round = 0; round < ROUNDS; round++) {
      for (const n of TAB_COUNTS) {
        const order = round % 2 === 0 ? ['plugboard', 'awsAmplify'] : ['awsAmplify', 'plugboard'];
        for (const who of order) samples[n][who].push(await sample(browser, served[who], backend, clock, n));
      }
    }
    return TAB_COUNTS.map((n) => {
      const { plugboard: pb, awsAmplify: aws } = samples[n];
      const requests = (list) => median(list.map((s) => s.requests));
      return row({
        group: 'tabRequests',
        name: `tabs: requests per credentials expiry, ${n} tabs`,
        plugboard: requests(pb),
        awsAmplify: requests(aws),
        unit: 'requests',
        ratios: pb.map((s, i) => s.requests / aws[i].requests),
        target: { kind: 'atMost', value: 1 },
        note:
          `${n} tabs of one origin in headless Chromium (one profile), guest sessions, all fetching at one ` +
          `moment after the 1-h credentials expired; counted at the emulator, ${ROUNDS} interleaved round(s). ` +
          `Plugboard: ${rounds(pb)}; aws-amplify: ${rounds(aws)}. Opening the ${n} tabs one after the other ` +
          `took Plugboard ${pb[0].cold} requests (the other tabs read the stored session), aws-amplify ` +
          `${aws[0].cold} (it stores the identity id only).`,
      });
    });
  } finally {
    for (const site of Object.values(served)) site.close();
    await browser?.close();
    await backend.emulator.stop();
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}
