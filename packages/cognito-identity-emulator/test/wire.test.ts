import { request } from 'node:http';
import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { FACEBOOK, clientFor, rawCall, standardPool, start, stopAll } from './helpers';

afterEach(stopAll);

describe('JSON 1.1 wire protocol', () => {
  it('answers malformed JSON with SerializationException and the error headers', async () => {
    const emu = await start();
    for (const body of ['{not json', '[1,2]', '"text"', 'null']) {
      const res = await rawCall(emu, 'GetId', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException:');
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.__type).toBe('SerializationException');
      expect(res.body.message).toEqual(expect.any(String));
    }
  });

  it('answers an unknown or missing operation with UnknownOperationException', async () => {
    const emu = await start();
    for (const operation of ['DoSomethingElse', undefined]) {
      const res = await rawCall(emu, operation, '{}');
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException:');
      expect(res.body.__type).toBe('UnknownOperationException');
    }
  });

  it('puts a request id on successful responses too', async () => {
    const emu = await start();
    const IdentityPoolId = await emu.createIdentityPool({ allowUnauthenticatedIdentities: true });
    const res = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId }));
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
  });

  it('refuses a body over the size limit without crashing', async () => {
    const emu = await start({ maxBodyBytes: 1024 });
    const res = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.body.__type).toBe('SerializationException');
    const IdentityPoolId = await emu.createIdentityPool({ allowUnauthenticatedIdentities: true });
    expect((await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId }))).status).toBe(200);
  });

  it('survives a client that disconnects mid-body', async () => {
    const emu = await start();
    await new Promise<void>((resolve) => {
      const req = request(`${emu.endpoint}/`, {
        method: 'POST',
        headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId', 'content-length': '1000' },
      });
      req.on('error', () => resolve());
      req.write('{"IdentityPoolId":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    const IdentityPoolId = await emu.createIdentityPool({ allowUnauthenticatedIdentities: true });
    expect((await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId }))).status).toBe(200);
  });

  describe('request validation', () => {
    const invalid = { name: 'ValidationException', $metadata: { httpStatusCode: 400 } };

    it('checks identity pool ids, identity ids and field types', async () => {
      const emu = await start();
      const client = clientFor(emu);
      for (const IdentityPoolId of ['', 'no-colon', 'us-east-1:XYZ', `us-east-1:${'a'.repeat(60)}`]) {
        await expect(client.send(new GetIdCommand({ IdentityPoolId }))).rejects.toMatchObject(invalid);
      }
      await expect(
        client.send(new GetCredentialsForIdentityCommand({ IdentityId: 'bad id' })),
      ).rejects.toMatchObject(invalid);
      const wrongType = await rawCall(emu, 'GetId', '{"IdentityPoolId":42}');
      expect(wrongType.body).toMatchObject({ __type: 'SerializationException' });
      const missing = await rawCall(emu, 'GetId', '{}');
      expect(missing.body).toMatchObject({
        __type: 'ValidationException',
        message:
          "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
      });
    });

    it('checks Logins: at most 10, provider names up to 128, tokens 1-50000 characters, never echoing a token', async () => {
      const emu = await start();
      const client = clientFor(emu);
      const IdentityPoolId = await standardPool(emu);
      const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}.example.com`, 'token']));
      const secret = 's3cr3t-'.repeat(8000);
      const cases = [eleven, { ['p'.repeat(129)]: 'token' }, { [FACEBOOK]: '' }, { [FACEBOOK]: secret }];
      for (const Logins of cases) {
        const error = await client.send(new GetIdCommand({ IdentityPoolId, Logins })).catch((e: Error) => e);
        expect(error).toMatchObject(invalid);
        expect((error as Error).message).not.toContain('s3cr3t');
      }
      const notMap = await rawCall(emu, 'GetId', JSON.stringify({ IdentityPoolId, Logins: ['x'] }));
      expect(notMap.body.__type).toBe('SerializationException');
    });
  });
});
