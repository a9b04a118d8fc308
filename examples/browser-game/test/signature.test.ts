import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { checkSignature, NodeSha256, scopeService } from '../src/server/signature';

const KEY = { accessKeyId: 'ASIASIGNATURETEST001', secretAccessKey: 's'.repeat(40), sessionToken: 'tok' };

/** A request signed by the real signer, as the front receives it (flat headers, Buffer body). */
async function signed(service: string, body: string, extra: Record<string, string> = {}) {
  // Like the SDK's JSON clients, no x-amz-content-sha256 header unless the test adds one.
  const signer = new SignatureV4({
    credentials: KEY,
    region: 'us-east-1',
    service,
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: service !== 's3', // as the S3 client signs: the path as sent
  });
  const request = await signer.sign({
    method: 'PUT',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8000,
    path: '/bucket/a%20key.json',
    query: { 'x-id': 'PutObject' },
    headers: { host: '127.0.0.1:8000', 'content-type': 'application/json', ...extra },
    body,
  });
  return {
    method: 'PUT',
    path: '/bucket/a%20key.json?x-id=PutObject',
    headers: request.headers as Record<string, string>,
    body: Buffer.from(body),
  };
}

const lookup = (id: string) => (id === KEY.accessKeyId ? KEY : undefined);

describe('checkSignature', () => {
  it('accepts what the signer signed, for a JSON service and for S3 (path signed as sent)', async () => {
    expect(await checkSignature(await signed('dynamodb', '{}'), lookup)).toEqual({
      accessKeyId: KEY.accessKeyId,
    });
    const hash = createHash('sha256').update('{"a":1}').digest('hex');
    const s3 = await signed('s3', '{"a":1}', { 'x-amz-content-sha256': hash });
    expect(scopeService(s3.headers.authorization)).toBe('s3');
    expect(await checkSignature(s3, lookup)).toEqual({ accessKeyId: KEY.accessKeyId });
  });

  it('refuses a changed body, a changed signed header, a changed path and a missing header', async () => {
    const reasons = async (mutate: (r: Awaited<ReturnType<typeof signed>>) => void, service = 'dynamodb') => {
      const request = await signed(service, '{"score":1}');
      mutate(request);
      return (await checkSignature(request, lookup)).reason;
    };
    expect(await reasons((r) => (r.body = Buffer.from('{"score":9}')))).toBe('signature does not match');
    expect(await reasons((r) => (r.headers['content-type'] = 'text/plain'))).toBe('signature does not match');
    expect(await reasons((r) => (r.path = '/bucket/other.json?x-id=PutObject'))).toBe(
      'signature does not match',
    );
    expect(await reasons((r) => delete r.headers['x-amz-date'])).toBe(
      'x-amz-date missing or outside the credential scope',
    );
    expect(await reasons((r) => (r.headers.authorization = 'Bearer abc'))).toBe(
      'no SigV4 Authorization header',
    );
  });

  it('refuses a body that does not match its x-amz-content-sha256, even with a valid signature', async () => {
    const hash = createHash('sha256').update('original').digest('hex');
    const request = await signed('s3', 'original', { 'x-amz-content-sha256': hash });
    request.body = Buffer.from('replaced');
    expect((await checkSignature(request, lookup)).reason).toBe(
      'x-amz-content-sha256 does not match the body',
    );
  });

  it('DynamoDB: the body as received must be the signed one, whatever x-amz-content-sha256 claims', async () => {
    for (const declared of [
      'UNSIGNED-PAYLOAD',
      'not-a-hash',
      createHash('sha256').update('{"score":1}').digest('hex'),
    ]) {
      const request = await signed('dynamodb', '{"score":1}', { 'x-amz-content-sha256': declared });
      request.body = Buffer.from('{"score":999999}');
      expect((await checkSignature(request, lookup)).reason).toBe(
        'x-amz-content-sha256 does not match the body',
      );
    }
  });

  it('S3 alone may leave the body unsigned (UNSIGNED-PAYLOAD), as S3 allows', async () => {
    const request = await signed('s3', 'profile', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(await checkSignature(request, lookup)).toEqual({ accessKeyId: KEY.accessKeyId });
  });
});
