import { inspect } from 'node:util';
import { AuthProvider } from '../src';
import { remember, startHarness, type Harness } from './support/harness';
import { jwtsIn, leakedSecrets, rememberSecrets, secretScan } from './support/secrets';

/** Everything a person could see of a value: its message, inspection and serialization. */
function visible(value: unknown): string {
  const parts = [inspect(value, { depth: 10, showHidden: false }), String(value)];
  try {
    parts.push(JSON.stringify(value));
  } catch {
    // circular: inspect already shows it
  }
  if (value instanceof Error) parts.push(value.message, value.stack ?? '');
  return parts.join('\n');
}

describe('secrets never leak', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ allowUnauthenticatedIdentities: true });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('the leak scanner itself finds a remembered secret and a JWT', () => {
    rememberSecrets('a-secret-value-for-the-scanner');
    expect(leakedSecrets('log line with a-secret-value-for-the-scanner in it')).toEqual([
      'a-secret-value-for-the-scanner',
    ]);
    expect(jwtsIn('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLWJ5dGVz')).toHaveLength(1);
    secretScan().secrets.delete('a-secret-value-for-the-scanner');
  });

  it('in errors, results, sessions and the plugin, through success and every failure path', async () => {
    const seen: unknown[] = [];
    const capture = <T>(p: Promise<T>): Promise<void> =>
      p.then(
        (v) => void seen.push(v),
        (e: unknown) => void seen.push(e),
      );
    const good = await h.token('graph.facebook.com', 'secret-user');
    const expired = await h.token('graph.facebook.com', 'secret-user', -5);
    const forged = `${good.slice(0, good.lastIndexOf('.') + 12)}x${good.slice(good.lastIndexOf('.') + 13)}`;
    const opaque = 'EAAB-opaque-facebook-token-0123456789';
    rememberSecrets(forged, opaque);

    await capture(h.plugin.federateToIdentityPool(good, AuthProvider.facebook()).then(remember));
    await capture(h.plugin.fetchAuthSession());
    await capture(h.plugin.federateToIdentityPool(expired, AuthProvider.facebook()));
    await capture(h.plugin.federateToIdentityPool(forged, AuthProvider.facebook()));
    await capture(h.plugin.federateToIdentityPool(opaque, AuthProvider.google()));
    await capture(h.plugin.federateToIdentityPool(opaque, 'graph.facebook.com' as never));
    await capture(h.plugin.federateToIdentityPool(`${opaque}${'x'.repeat(50_000)}`, AuthProvider.facebook()));
    h.emulator.injectFault({
      operation: 'GetCredentialsForIdentity',
      error: 'InternalErrorException',
      times: 10,
    });
    await capture(h.plugin.federateToIdentityPool(good, AuthProvider.facebook()));
    await capture(h.plugin.fetchAuthSession({ forceRefresh: true }));
    h.emulator.clearFaults();
    await capture(h.plugin.signIn('someone@example.com', 'hunter2-password'));
    rememberSecrets('hunter2-password');
    await capture(h.plugin.clearFederationToIdentityPool());
    await capture(h.plugin.fetchAuthSession());
    seen.push(h.plugin, h.emulator.requests());

    const text = seen.map(visible).join('\n');
    expect(seen.filter((v) => v instanceof Error).length).toBeGreaterThanOrEqual(6);
    expect(leakedSecrets(text)).toEqual([]);
    expect(jwtsIn(text)).toEqual([]);
  });
});
