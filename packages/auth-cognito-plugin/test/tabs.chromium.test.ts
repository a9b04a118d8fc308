// Issue 23 in a real browser: several tabs of one origin (one headless Chromium profile) each run the
// plugin on the default browser storage (localStorage through WebKeyValueStorage: Web Locks + storage
// events), against the identity emulator and cognito-local behind the SRP front. Time moves through
// the clock seams: the emulator's `now` and each tab's plugin `clock` share one offset; user-pool tokens
// (issued on cognito-local's real clock) are made to expire by moving the tabs' clock past their `exp`.
import type { Page } from 'playwright-core';
import { chromiumAvailable } from './support/chromium';
import { callIn, jwtExpiry, jwtIssuedAt, tab, until, type Fetched } from './support/tabs';
import { tabsSuite } from './support/tabsSuite';

const run = chromiumAvailable('several-tabs Chromium test') ? describe : describe.skip;

run('one session across browser tabs (Chromium, shared localStorage)', () => {
  const suite = tabsSuite();
  const { open, credentialsCalls, remember } = suite;

  /** The tabs of `suite.federatedTabs`, moved 2 h on: their credentials (1 h) have expired. */
  async function federatedTabs(count: number, query = 'config=identity') {
    const { tabs, identityId, key } = await suite.federatedTabs(count, query);
    suite.clock.advance(2 * 3_600_000); // for the emulator and every tab
    for (const t of tabs) await tab(t, 'setOffset', suite.clock.now() - Date.now());
    return { tabs, identityId, oldKey: key };
  }

  it('three tabs past expiry fetch at one moment: one GetCredentialsForIdentity, the same credentials', async () => {
    const { tabs, identityId, oldKey } = await federatedTabs(3);
    const since = suite.emulator.requests().length;
    const startAt = Date.now() + 300;
    const got = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)));
    expect(credentialsCalls(since)).toBe(1);
    expect(got.map((f) => f.identityId)).toEqual([identityId, identityId, identityId]);
    expect(got[0]!.accessKeyId).toMatch(/^ASIA/);
    expect(got[0]!.accessKeyId).not.toBe(oldKey);
    expect(new Set(got.map((f) => f.accessKeyId)).size).toBe(1);
    for (const t of tabs) expect(await tab(t, 'warnings')).toEqual([]);
  }, 30_000);

  it('the same three tabs on a storage without the lock each refresh (what the lock saves)', async () => {
    const { tabs } = await federatedTabs(3, 'config=identity&plain=1');
    const since = suite.emulator.requests().length;
    const startAt = Date.now() + 300;
    const got = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)));
    expect(credentialsCalls(since)).toBe(3);
    expect(new Set(got.map((f) => f.accessKeyId)).size).toBe(3);
  }, 30_000);

  /**
   * Moves every tab's clock to 1 ms past the tokens' expiry at one moment, and has all of them fetch
   * then. cognito-local stamps tokens on its real clock in whole seconds: refreshing 3 s or more after
   * they were issued makes the refreshed ones expire at least 3 s after the old ones, so a tab that
   * takes them over (within about 3 s: room for a loaded machine) judges them fresh.
   */
  async function expireAndFetchTogether(tabs: Page[], tokens: Fetched) {
    const issued = jwtIssuedAt(tokens.idToken!, tokens.accessToken!);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, issued + 2_700 - Date.now())));
    const startAt = Date.now() + 300;
    const offset = jwtExpiry(tokens.idToken!, tokens.accessToken!) + 1 - startAt;
    for (const t of tabs) await tab(t, 'setOffset', offset);
    const mark = suite.users.proxy.received.length;
    const got = remember(...(await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)))));
    return { got, sent: suite.users.proxy.received.slice(mark) };
  }

  async function expectSignedInTogether(tabs: Page[], got: Fetched[], before: Fetched) {
    expect(got.map((f) => f.isSignedIn)).toEqual(tabs.map(() => true));
    expect(new Set(got.map((f) => f.idToken)).size).toBe(1);
    expect(got[0]!.idToken).not.toBe(before.idToken);
    for (const t of tabs) {
      expect((await tab(t, 'events')).map((e) => e.name)).not.toContain('SESSION_EXPIRED');
      expect(await callIn(t, 'getCurrentUser')).toMatchObject({ userId: expect.any(String) });
    }
  }

  it('user-pool tokens past expiry in three tabs: one token refresh, every tab stays signed in', async () => {
    const { tabs, tokens } = await suite.signedInTabs(3);
    const { got, sent } = await expireAndFetchTogether(tabs, tokens);
    // One refresh: the front does not know GetTokensFromRefreshToken without rotation, so the plugin
    // falls back to REFRESH_TOKEN_AUTH within the same refresh.
    expect(sent).toEqual(['GetTokensFromRefreshToken', 'InitiateAuth:REFRESH_TOKEN_AUTH']);
    await expectSignedInTogether(tabs, got, tokens);
    expect(got[0]!.refreshToken).toBe(tokens.refreshToken);
  }, 30_000);

  it('with refresh-token rotation: one refresh per expiry, the rotated token shared, nobody signed out', async () => {
    suite.users.proxy.enableRotation(true);
    try {
      const { tabs, tokens } = await suite.signedInTabs(3);
      const first = await expireAndFetchTogether(tabs, tokens);
      expect(first.sent).toEqual(['GetTokensFromRefreshToken']);
      await expectSignedInTogether(tabs, first.got, tokens);
      const rotated = first.got[0]!.refreshToken!;
      expect(rotated).toMatch(/^rotated-/);
      expect(new Set(first.got.map((f) => f.refreshToken))).toEqual(new Set([rotated]));
      // The second expiry refreshes with the rotated token, which the front then retires: a tab still
      // holding an older one would be refused and signed out.
      const second = await expireAndFetchTogether(tabs, first.got[0]!);
      expect(second.sent).toEqual(['GetTokensFromRefreshToken']);
      await expectSignedInTogether(tabs, second.got, first.got[0]!);
      expect(second.got[0]!.refreshToken).toMatch(/^rotated-/);
      expect(second.got[0]!.refreshToken).not.toBe(rotated);
      expect(new Set(second.got.map((f) => f.refreshToken)).size).toBe(1);
    } finally {
      suite.users.proxy.enableRotation(false);
    }
  }, 30_000);

  it('a tab closed while it holds the refresh lock: the waiting tab gets the lock at once and refreshes', async () => {
    const {
      tabs: [a, b],
      identityId,
    } = await federatedTabs(2);
    suite.emulator.injectFault({ operation: 'GetCredentialsForIdentity', latencyMs: 60_000 }); // a's refresh hangs in flight
    const since = suite.emulator.requests().length;
    await tab(a!, 'startFetch');
    await until(async () => credentialsCalls(since) === 1); // a holds the lock; its request reached the emulator
    const lock = (await tab(b!, 'locks')).held.find((name) => name.endsWith('.refresh'));
    expect(lock).toBeDefined();
    await tab(b!, 'startFetch');
    await until(async () => (await tab(b!, 'locks')).pending.includes(lock!)); // b waits for it
    const closedAt = Date.now();
    await a!.close();
    const got = await until(() => tab(b!, 'pending'), 15_000);
    expect(got.identityId).toBe(identityId);
    expect(got.accessKeyId).toMatch(/^ASIA/);
    expect(credentialsCalls(since)).toBe(2); // a's (never answered) and b's own
    expect(await tab(b!, 'warnings')).toEqual([]); // granted, not given up after the lock-wait bound
    expect(got.settledAt - closedAt).toBeLessThan(10_000); // far below that bound (requestTimeoutMs)
    // Nothing was lost: a new tab restores b's credentials without a request.
    const c = await open('config=identity');
    expect((await tab(c, 'fetchAt', 0)).accessKeyId).toBe(got.accessKeyId);
    expect(credentialsCalls(since)).toBe(2);
  }, 30_000);

  it('a hung tab holding the lock: the others wait requestTimeoutMs for it, then refresh without it', async () => {
    const {
      tabs: [a, b],
      identityId,
    } = await federatedTabs(2, 'config=identity&timeout=1500');
    const since = suite.emulator.requests().length;
    await tab(a!, 'hold', `${(await tab(a!, 'sessionKey'))!}.refresh`); // a's refresh lock, never released
    const startedAt = Date.now();
    await tab(b!, 'startFetch');
    const got = await until(() => tab(b!, 'pending'), 15_000);
    expect(got.identityId).toBe(identityId);
    expect(got.accessKeyId).toMatch(/^ASIA/);
    expect(credentialsCalls(since)).toBe(1);
    expect(await tab(b!, 'warnings')).toEqual([
      expect.stringMatching(/held the session refresh lock for more than 1500 ms; refreshing without it/),
    ]);
    expect(got.settledAt - startedAt).toBeGreaterThanOrEqual(1_400); // waited out the bound, not less
  }, 30_000);

  it('without the Web Locks API each tab refreshes on its own (the documented fallback), with a warning', async () => {
    const { tabs } = await federatedTabs(3, 'config=identity&nolocks=1');
    const since = suite.emulator.requests().length;
    const startAt = Date.now() + 300;
    const got = await Promise.all(tabs.map((t) => tab(t, 'fetchAt', startAt)));
    expect(got.every((f) => /^ASIA/.test(f.accessKeyId ?? ''))).toBe(true);
    expect(credentialsCalls(since)).toBe(3);
    for (const t of tabs) expect((await tab(t, 'warnings')).join('\n')).toMatch(/Web Locks/);
  }, 30_000);
});
