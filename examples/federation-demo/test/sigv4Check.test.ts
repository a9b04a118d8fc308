/** The demo's DynamoDB-side SigV4 check: the signature must cover the body as received. */
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256, verifySigV4, type ReceivedRequest } from '../src/game/sigv4Check';

const KEY = { accessKeyId: 'ASIADEMOSIGV4CHECK01', secretAccessKey: 'k'.repeat(40), sessionToken: 'session' };
const lookup = (id: string) => (id === KEY.accessKeyId ? KEY : undefined);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function signed(
  service: string,
  body: string,
  extra: Record<string, string>,
): Promise<ReceivedRequest> {
  const signer = new SignatureV4({
    credentials: KEY,
    region: 'us-east-1',
    service,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: service !== 's3',
  });
  const request = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 8000,
    path: '/',
    headers: { host: '127.0.0.1:8000', 'content-type': 'application/x-amz-json-1.0', ...extra },
    body,
  });
  return { method: 'POST', url: '/', headers: request.headers, body: Buffer.from(body) };
}

describe('verifySigV4 hashes the body it received', () => {
  it('refuses a DynamoDB body changed after signing, whatever x-amz-content-sha256 declares', async () => {
    for (const declared of [
      'UNSIGNED-PAYLOAD',
      'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      sha256('{"score":1}'),
    ]) {
      const request = await signed('dynamodb', '{"score":1}', { 'x-amz-content-sha256': declared });
      expect(await verifySigV4(request, { lookup })).toMatchObject(
        declared === sha256('{"score":1}') ? { ok: true } : { ok: false, kind: 'payloadMismatch' },
      );
      const changed = { ...request, body: Buffer.from('{"score":999999}') };
      expect(await verifySigV4(changed, { lookup })).toMatchObject({ ok: false, kind: 'payloadMismatch' });
    }
  });

  it('accepts an untouched request, and UNSIGNED-PAYLOAD for S3 alone', async () => {
    expect(await verifySigV4(await signed('dynamodb', '{}', {}), { lookup })).toMatchObject({ ok: true });
    const s3 = await signed('s3', 'profile', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    expect(await verifySigV4(s3, { lookup })).toMatchObject({ ok: true, service: 's3' });
  });
});
