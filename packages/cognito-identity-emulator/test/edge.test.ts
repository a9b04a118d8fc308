/**
 * Issue 22 class 8, the emulator's edge: browser origins and Host names outside loopback are refused on
 * every route (no identity is created, no token minted), and a signed request whose body changed after
 * signing is refused whatever its x-amz-content-sha256 header says.
 */
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { DEFAULT_CONTROL_PLANE_CREDENTIALS, type CognitoIdentityEmulator } from '../src/index.js';
import { FACEBOOK, rawCall, Sha256, standardPool, start, stopAll } from './helpers';
import { send, type Answer } from './support/rawRequest';

afterEach(stopAll);

const json = { 'content-type': 'application/x-amz-json-1.1' };
const target = (operation: string) => ({ 'x-amz-target': `AWSCognitoIdentityService.${operation}` });

/** Every kind of route: a data-plane operation, test-IdP minting, JWKS, health. */
async function everyRoute(
  emu: CognitoIdentityEmulator,
  poolId: string,
  headers: Record<string, string>,
): Promise<Answer[]> {
  return [
    await send(
      emu,
      'POST',
      '/',
      { ...json, ...target('GetId'), ...headers },
      JSON.stringify({ IdentityPoolId: poolId }),
    ),
    await send(emu, 'GET', `/test-idp/token?provider=${FACEBOOK}&sub=mallory`, headers),
    await send(emu, 'GET', '/.well-known/jwks.json', headers),
    await send(emu, 'GET', '/health', headers),
  ];
}

describe('the edge refuses non-loopback browser origins on every request', () => {
  it('a simple POST from http://evil.example creates no identity; no route answers it', async () => {
    const emu = await start();
    const poolId = await standardPool(emu, true);
    for (const origin of [
      'http://evil.example',
      'https://127.0.0.1:443',
      'null',
      'http://localhost.evil.test:80',
    ]) {
      for (const answer of await everyRoute(emu, poolId, { origin })) {
        expect(answer.status).toBe(403);
        expect(answer.headers['access-control-allow-origin']).toBeUndefined();
        expect(answer.body).not.toMatch(/eyJ/); // no token minted
      }
    }
    expect(emu.identities(poolId)).toEqual([]);
    expect(emu.requests()).toEqual([]);
  });

  it('loopback pages and callers without an Origin are served as before', async () => {
    const emu = await start();
    const poolId = await standardPool(emu, true);
    for (const headers of [
      {},
      { origin: 'http://127.0.0.1:5173' },
      { origin: 'http://localhost:3000' },
    ] as Record<string, string>[]) {
      const statuses = (await everyRoute(emu, poolId, headers)).map((a) => a.status);
      expect(statuses).toEqual([200, 200, 200, 200]);
    }
    expect(emu.identities(poolId)).toHaveLength(3);
  });
});

describe('the edge refuses non-loopback Host headers (DNS rebinding)', () => {
  it('refuses every route, test-IdP minting included, for a Host outside loopback', async () => {
    const emu = await start();
    const poolId = await standardPool(emu, true);
    const port = new URL(emu.endpoint).port;
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `10.0.0.1:${port}`,
      `127.0.0.1.evil.example:${port}`,
    ]) {
      for (const answer of await everyRoute(emu, poolId, { host })) {
        expect(answer.status).toBe(403);
        expect(JSON.parse(answer.body)).toMatchObject({ __type: 'AccessDeniedException' });
      }
    }
    expect(emu.identities(poolId)).toEqual([]);
  });

  it('serves 127.0.0.1, localhost and [::1] with any port', async () => {
    const emu = await start();
    const poolId = await standardPool(emu, true);
    for (const host of ['127.0.0.1:1', 'localhost:9231', 'LOCALHOST', '[::1]:80', 'localhost.']) {
      const statuses = (await everyRoute(emu, poolId, { host })).map((a) => a.status);
      expect(statuses).toEqual([200, 200, 200, 200]);
    }
  });

  it('allowedHosts opts container service names in (and "*" any name); bad values are usage errors', async () => {
    const emu = await start({ allowedHosts: ['cognito-emulator'] });
    const poolId = await standardPool(emu, true);
    const named = await everyRoute(emu, poolId, { host: 'cognito-emulator:9231' });
    expect(named.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const page = await everyRoute(emu, poolId, { origin: 'http://cognito-emulator:8080' });
    expect(page.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(page[0]!.headers['access-control-allow-origin']).toBe('http://cognito-emulator:8080');
    expect((await everyRoute(emu, poolId, { host: 'other:9231' })).map((a) => a.status)).toEqual([
      403, 403, 403, 403,
    ]);
    const any = await start({ allowedHosts: ['*'] });
    expect((await send(any, 'GET', '/health', { host: 'anything.example' })).status).toBe(200);
    await expect(start({ allowedHosts: 'cognito-emulator' as never })).rejects.toMatchObject({
      name: 'EmulatorUsageError',
    });
    await expect(start({ allowedHosts: ['bad host/name'] })).rejects.toMatchObject({
      name: 'EmulatorUsageError',
    });
  });
});

describe('SigV4: the body as received is what the signature must cover', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  async function signedHeaders(
    emu: CognitoIdentityEmulator,
    body: string,
    extra: Record<string, string> = {},
  ): Promise<Record<string, string>> {
    const url = new URL(emu.endpoint);
    const signer = new SignatureV4({
      credentials: DEFAULT_CONTROL_PLANE_CREDENTIALS,
      region: emu.region,
      service: 'cognito-identity',
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { ...json, ...target('ListIdentityPools'), host: url.host, ...extra },
      body,
    });
    const { host: _host, ...rest } = signed.headers;
    return rest as Record<string, string>;
  }

  it('a body changed after signing is refused although x-amz-content-sha256 still matches the signed one', async () => {
    const emu = await start();
    const signedBody = '{"MaxResults":1}';
    const headers = await signedHeaders(emu, signedBody, { 'x-amz-content-sha256': sha256(signedBody) });
    expect(JSON.parse((await send(emu, 'POST', '/', headers, signedBody)).body)).toHaveProperty(
      'IdentityPools',
    );
    const changed = await send(emu, 'POST', '/', headers, '{"MaxResults":60}');
    expect(changed.status).toBe(400);
    expect(JSON.parse(changed.body).__type).toBe('InvalidSignatureException');
  });

  it('UNSIGNED-PAYLOAD does not exempt the body (Cognito Identity always signs it)', async () => {
    const emu = await start();
    const headers = await signedHeaders(emu, '{"MaxResults":1}', {
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    });
    const answer = await send(emu, 'POST', '/', headers, '{"MaxResults":60}');
    expect(JSON.parse(answer.body).__type).toBe('InvalidSignatureException');
  });

  it('an SDK-signed request without tampering still passes', async () => {
    const emu = await start();
    expect((await rawCall(emu, 'ListIdentityPools', '{"MaxResults":1}', { signed: true })).status).toBe(200);
  });
});
