/**
 * Conformance, BEHAVIOUR section 10 "Signed (SigV4) operations are verified". Sources: the botocore
 * model (operations without `"authtype": "none"` are SigV4-signed), the AWS Signature Version 4
 * reference, and the common errors of the API reference (InvalidSignatureException,
 * UnrecognizedClientException, MissingAuthenticationTokenException, IncompleteSignatureException).
 */
import { CognitoIdentityClient, ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { DEFAULT_CONTROL_PLANE_CREDENTIALS } from '../../src/index.js';
import { rawCall, start, stopAll } from '../helpers';

afterEach(stopAll);

describe('BEHAVIOUR 10 SigV4 verification (AWS Signature Version 4; API reference Common Errors)', () => {
  it('accepts the documented default key and refuses a wrong secret or an unknown key like the service', async () => {
    const emu = await start();
    expect(emu.controlPlaneCredentials).toEqual(DEFAULT_CONTROL_PLANE_CREDENTIALS);
    const send = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new CognitoIdentityClient({
        region: 'us-east-1',
        endpoint: emu.endpoint,
        credentials,
        maxAttempts: 1,
      }).send(new ListIdentityPoolsCommand({ MaxResults: 5 }));
    expect((await send({ ...DEFAULT_CONTROL_PLANE_CREDENTIALS })).IdentityPools).toEqual([]);
    await expect(
      send({
        accessKeyId: DEFAULT_CONTROL_PLANE_CREDENTIALS.accessKeyId,
        secretAccessKey: 'wrong-secret-wrong-secret',
      }),
    ).rejects.toMatchObject({ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 400 } });
    await expect(
      send({ accessKeyId: 'AKIDSOMEONEELSE00', secretAccessKey: 'whatever-whatever' }),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('takes its key from controlPlaneCredentials', async () => {
    const credentials = {
      accessKeyId: 'AKIDMYOWNTESTKEY01',
      secretAccessKey: 'my-own-secret-of-some-length',
    };
    const emu = await start({ controlPlaneCredentials: credentials });
    expect(
      (await rawCall(emu, 'ListIdentityPools', '{"MaxResults":1}', { signed: true, credentials })).status,
    ).toBe(200);
    expect((await rawCall(emu, 'ListIdentityPools', '{"MaxResults":1}', { signed: true })).body.__type).toBe(
      'UnrecognizedClientException',
    );
  });

  it('a body changed after signing is an InvalidSignatureException; no header MissingAuthenticationToken; a malformed one IncompleteSignature', async () => {
    const emu = await start();
    const signed = await rawCall(emu, 'ListIdentityPools', '{"MaxResults":1}', { signed: true });
    expect(signed.status).toBe(200);
    const res = await fetch(emu.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.ListIdentityPools',
        'x-amz-date': new Date().toISOString().replace(/[-:]|\.\d{3}/g, ''),
        authorization: `AWS4-HMAC-SHA256 Credential=${DEFAULT_CONTROL_PLANE_CREDENTIALS.accessKeyId}/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}/us-east-1/cognito-identity/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`,
      },
      body: '{"MaxResults":2}',
    });
    expect(((await res.json()) as { __type: string }).__type).toBe('InvalidSignatureException');
    expect((await rawCall(emu, 'ListIdentityPools', '{"MaxResults":1}')).body.__type).toBe(
      'MissingAuthenticationTokenException',
    );
    expect(
      (
        await rawCall(emu, 'ListIdentityPools', '{"MaxResults":1}', {
          headers: { authorization: 'AWS4-HMAC-SHA256 x' },
        })
      ).body.__type,
    ).toBe('IncompleteSignatureException');
  });
});

describe('the control-plane secret stays out of inspect output', () => {
  it('util.inspect(emulator) does not show the secret access key', async () => {
    const { inspect } = await import('node:util');
    const emu = await start();
    expect(inspect(emu, { depth: 5 })).not.toContain(DEFAULT_CONTROL_PLANE_CREDENTIALS.secretAccessKey);
    const secretAccessKey = 'a-custom-secret-for-inspect';
    const custom = await start({
      controlPlaneCredentials: { accessKeyId: 'AKIDCUSTOMINSPECT1', secretAccessKey },
    });
    expect(inspect(custom, { depth: 5 })).not.toContain(secretAccessKey);
    expect(custom.controlPlaneCredentials.secretAccessKey).toBe(secretAccessKey);
  });
});
