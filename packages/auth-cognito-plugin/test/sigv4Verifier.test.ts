// The signature check the SDK tests rely on must be able to say no: requests signed with @smithy/signature-v4
// as a client would, then altered one way at a time.
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256, verifySigV4, type IssuedCredentials, type ReceivedRequest } from './support/sigv4';

const NOW = Date.UTC(2026, 10, 27, 10, 0, 0);
const ISSUED: IssuedCredentials = {
  accessKeyId: 'ASIATESTKEY000000001',
  secretAccessKey: 'test-secret-key-0123456789abcdefghijklmn',
  sessionToken: 'test-session-token',
  expiration: new Date(NOW + 15 * 60_000),
};
const lookup = (id: string): IssuedCredentials | undefined =>
  id === ISSUED.accessKeyId ? ISSUED : undefined;

async function signed(
  options: { service?: string; secret?: string; path?: string; body?: string; at?: number } = {},
): Promise<ReceivedRequest> {
  const service = options.service ?? 'dynamodb';
  const body = options.body ?? '{"TableName":"GameScores"}';
  const signer = new SignatureV4({
    credentials: { ...ISSUED, secretAccessKey: options.secret ?? ISSUED.secretAccessKey },
    region: 'us-east-1',
    service,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
    applyChecksum: false, // as the DynamoDB client: the body itself is hashed into the signature
  });
  const path = options.path ?? '/';
  const headers: Record<string, string> = {
    host: '127.0.0.1:8000',
    'content-type': 'application/x-amz-json-1.0',
  };
  if (service === 's3') headers['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 8000,
      path,
      query: { a: 'b c' },
      headers,
      body,
    },
    { signingDate: new Date(options.at ?? NOW) },
  );
  return { method: 'POST', url: `${path}?a=b%20c`, headers: request.headers, body: Buffer.from(body) };
}

const verify = (request: ReceivedRequest, now = NOW) => verifySigV4(request, { lookup, now: () => now });

describe('verifySigV4', () => {
  it('accepts a request signed with the issued secret key', async () => {
    await expect(verify(await signed())).resolves.toMatchObject({ ok: true, service: 'dynamodb' });
    await expect(
      verify(await signed({ service: 's3', path: '/game/saves/a%20b.json' })),
    ).resolves.toMatchObject({
      ok: true,
      service: 's3',
    });
  });

  it.each([
    [
      'a different secret key',
      async () => signed({ secret: 'another-secret-key-0123456789abcdefghijk' }),
      'mismatch',
    ],
    [
      'a changed body',
      async () => ({ ...(await signed()), body: Buffer.from('{"TableName":"Other"}') }),
      'mismatch',
    ],
    ['a changed path', async () => ({ ...(await signed()), url: '/other?a=b%20c' }), 'mismatch'],
    [
      'an S3 body that does not match x-amz-content-sha256',
      async () => ({ ...(await signed({ service: 's3', path: '/b/k' })), body: Buffer.from('tampered') }),
      'payloadMismatch',
    ],
    [
      'another session token',
      async () => {
        const request = await signed();
        return { ...request, headers: { ...request.headers, 'x-amz-security-token': 'forged' } };
      },
      'unknownKey',
    ],
    [
      'an access key id that was never issued',
      async () => {
        const request = await signed();
        const authorization = String(request.headers.authorization).replace(
          ISSUED.accessKeyId,
          'ASIAUNKNOWN000000000',
        );
        return { ...request, headers: { ...request.headers, authorization } };
      },
      'unknownKey',
    ],
    [
      'no Authorization header',
      async () => {
        const { authorization: _, ...headers } = (await signed()).headers;
        return { ...(await signed()), headers };
      },
      'missing',
    ],
    ['a signing date 20 minutes off', async () => signed({ at: NOW - 20 * 60_000 }), 'skewed'],
  ])('refuses %s', async (_, make, kind) => {
    await expect(verify(await make())).resolves.toMatchObject({ ok: false, kind });
  });

  it('refuses expired credentials', async () => {
    const request = await signed({ at: NOW + 16 * 60_000 });
    await expect(verify(request, NOW + 16 * 60_000)).resolves.toMatchObject({ ok: false, kind: 'expired' });
  });
});
