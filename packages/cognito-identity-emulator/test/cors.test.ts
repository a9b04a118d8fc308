import { isLoopbackOrigin } from '../src/cors';
import { FACEBOOK, rawCall, standardPool, start, stopAll } from './helpers';
import type { CognitoIdentityEmulator } from '../src/index';
import { send, type Answer } from './support/rawRequest';

afterEach(stopAll);

const PAGE = 'http://127.0.0.1:5173';
const SDK_HEADERS =
  'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent,x-amz-date,x-amz-security-token,authorization';

function preflight(emu: CognitoIdentityEmulator, origin: string, requested = SDK_HEADERS): Promise<Answer> {
  return send(emu, 'OPTIONS', '/', {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': requested,
  });
}

describe('CORS for loopback pages', () => {
  it('answers the AWS SDK preflight from a loopback origin, allowing every header the SDK sends', async () => {
    const emu = await start();
    for (const origin of [PAGE, 'http://localhost:8080', 'http://[::1]:3000', 'http://127.0.0.2:1']) {
      const res = await preflight(emu, origin);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      const allowed = String(res.headers['access-control-allow-headers']).split(', ');
      expect(allowed).toEqual(expect.arrayContaining(SDK_HEADERS.split(',')));
      expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0);
      expect(res.headers.vary).toContain('Origin');
    }
    // The preflight is not a Cognito request: the request log stays empty.
    expect(emu.requests()).toEqual([]);
  });

  it('allows extra amz headers a newer SDK asks for, but not arbitrary ones', async () => {
    const emu = await start();
    const res = await preflight(emu, PAGE, 'content-type,x-amz-checksum-mode,x-custom-thing');
    const allowed = String(res.headers['access-control-allow-headers']).split(', ');
    expect(allowed).toContain('x-amz-checksum-mode');
    expect(allowed).not.toContain('x-custom-thing');
  });

  it('gives no CORS permission to pages outside loopback', async () => {
    const emu = await start();
    for (const origin of [
      'https://example.com',
      'http://127.0.0.1.example.com:80',
      'https://localhost:1',
      'null',
    ]) {
      const res = await preflight(emu, origin);
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const post = await send(
        emu,
        'POST',
        '/',
        { origin, 'content-type': 'application/x-amz-json-1.1' },
        '{}',
      );
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('puts CORS headers on successful answers and exposes the x-amzn headers', async () => {
    const emu = await start();
    const IdentityPoolId = await standardPool(emu);
    const token = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
    const res = await send(
      emu,
      'POST',
      '/',
      {
        origin: PAGE,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      JSON.stringify({ IdentityPoolId, Logins: { [FACEBOOK]: token } }),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).IdentityId).toMatch(/^us-east-1:/);
    expect(res.headers['access-control-allow-origin']).toBe(PAGE);
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase().split(', ');
    expect(exposed).toEqual(
      expect.arrayContaining(['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage']),
    );
  });

  it('puts CORS headers on error answers, so the page can read the error type', async () => {
    const emu = await start();
    const refused = await send(
      emu,
      'POST',
      '/',
      {
        origin: PAGE,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      '{not json',
    );
    expect(refused.status).toBe(400);
    expect(refused.headers['x-amzn-errortype']).toMatch(/^SerializationException\b/);
    expect(refused.headers['access-control-allow-origin']).toBe(PAGE);

    emu.injectFault({ operation: 'GetId', error: 'InternalErrorException' });
    const injected = await send(
      emu,
      'POST',
      '/',
      {
        origin: PAGE,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      '{}',
    );
    expect(injected.status).toBe(500);
    expect(injected.headers['access-control-allow-origin']).toBe(PAGE);

    const missing = await send(emu, 'GET', '/nowhere', { origin: PAGE });
    expect(missing.status).toBe(404);
    expect(missing.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it('lets a loopback page read the JWKS and mint test-IdP tokens', async () => {
    const emu = await start();
    const jwks = await send(emu, 'GET', '/.well-known/jwks.json', { origin: PAGE });
    expect(jwks.headers['access-control-allow-origin']).toBe(PAGE);
    const minted = await send(emu, 'GET', `/test-idp/token?provider=${FACEBOOK}&sub=bob`, { origin: PAGE });
    expect(minted.status).toBe(200);
    expect(minted.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it('changes nothing for callers without an Origin (the SDK in Node)', async () => {
    const emu = await start();
    const IdentityPoolId = await emu.createIdentityPool({ allowUnauthenticatedIdentities: true });
    const res = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('isLoopbackOrigin', () => {
  it.each([
    ['http://127.0.0.1:1', true],
    ['http://localhost:65535', true],
    ['http://LOCALHOST:80', false], // an Origin header is serialised in lower case
    ['http://[::1]:8080', true],
    ['http://127.255.0.9', true],
    ['https://127.0.0.1:443', false],
    ['http://127.0.0.1:80/path', false],
    ['http://localhost.evil.test:80', false],
    ['http://10.0.0.1:80', false],
    ['null', false],
    ['', false],
  ])('%s -> %s', (origin, expected) => {
    expect(isLoopbackOrigin(origin)).toBe(expected);
  });
  it('refuses a missing origin', () => expect(isLoopbackOrigin(undefined)).toBe(false));
});
