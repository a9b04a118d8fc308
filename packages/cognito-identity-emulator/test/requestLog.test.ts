/** The bounded request log (`maxRecordedRequests`) and the per-request hook (`onRequest`). */
import type { RequestLogEntry } from '../src/index.js';
import { FACEBOOK, rawCall, standardPool, start, stopAll } from './helpers';

afterEach(stopAll);

describe('requests() is bounded', () => {
  it('keeps the last maxRecordedRequests requests, dropping the oldest first', async () => {
    const emu = await start({ maxRecordedRequests: 3 });
    for (const operation of [
      'GetId',
      'ListIdentityPools',
      'GetCredentialsForIdentity',
      'GetOpenIdToken',
      'UnlinkIdentity',
    ]) {
      await rawCall(emu, operation, '{}');
    }
    expect(emu.requests().map((r) => r.operation)).toEqual([
      'GetCredentialsForIdentity',
      'GetOpenIdToken',
      'UnlinkIdentity',
    ]);
  });

  it('0 keeps none; the default keeps 10000; bad values are usage errors', async () => {
    const none = await start({ maxRecordedRequests: 0 });
    await rawCall(none, 'GetId', '{}');
    expect(none.requests()).toEqual([]);
    const usual = await start();
    for (let i = 0; i < 20; i++) await rawCall(usual, 'GetId', '{}');
    expect(usual.requests()).toHaveLength(20);
    for (const bad of [-1, 1.5, Number.NaN]) {
      await expect(start({ maxRecordedRequests: bad })).rejects.toMatchObject({ name: 'EmulatorUsageError' });
    }
  });
});

describe('onRequest', () => {
  it('sees every request once it is over: operation, status, duration, error name; no token or body', async () => {
    const entries: RequestLogEntry[] = [];
    const emu = await start({ onRequest: (entry) => entries.push(entry) });
    const poolId = await standardPool(emu);
    const token = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId: poolId, Logins: { [FACEBOOK]: token } }));
    await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId: poolId }));
    await fetch(`${emu.endpoint}/test-idp/token?provider=${FACEBOOK}&sub=secret-subject`);
    await fetch(`${emu.endpoint}/health`);
    emu.injectFault({ error: 'ECONNRESET' });
    await rawCall(emu, 'GetId', '{}').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(entries.map(({ operation, status, errorType }) => ({ operation, status, errorType }))).toEqual([
      { operation: 'GetId', status: 200, errorType: undefined },
      { operation: 'GetId', status: 400, errorType: 'NotAuthorizedException' },
      { operation: 'GET /test-idp/token', status: 200, errorType: undefined },
      { operation: 'GET /health', status: 200, errorType: undefined },
      { operation: 'GetId', status: undefined, errorType: undefined },
    ]);
    for (const entry of entries) {
      expect(entry.at).toBeInstanceOf(Date);
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    const text = JSON.stringify(entries);
    expect(text).not.toContain(token);
    expect(text).not.toContain('secret-subject');
  });

  it('a throwing listener does not break the answer', async () => {
    const emu = await start({
      onRequest: () => {
        throw new Error('listener bug');
      },
    });
    const poolId = await standardPool(emu, true);
    expect((await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId: poolId }))).status).toBe(200);
    expect((await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId: poolId }))).status).toBe(200);
  });
});
