import { GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { FACEBOOK, clientFor, standardPool, start, stopAll } from './helpers';

afterEach(stopAll);

async function setup() {
  const emu = await start();
  const IdentityPoolId = await standardPool(emu, true);
  const token = await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice' });
  return { emu, client: clientFor(emu), IdentityPoolId, token };
}

describe('fault injection', () => {
  it.each([
    ['TooManyRequestsException', 400],
    ['InternalErrorException', 500],
    ['LimitExceededException', 400],
    ['ServiceUnavailable', 503],
  ])('answers %s with HTTP %i once, then recovers', async (error, status) => {
    const { emu, client, IdentityPoolId } = await setup();
    emu.injectFault({ operation: 'GetId', error });
    await expect(client.send(new GetIdCommand({ IdentityPoolId }))).rejects.toMatchObject({
      name: error,
      $metadata: { httpStatusCode: status },
    });
    await expect(client.send(new GetIdCommand({ IdentityPoolId }))).resolves.toMatchObject({
      IdentityId: expect.any(String),
    });
    expect(emu.requests().map((r) => r.status)).toEqual([status, 200]);
  });

  it('matches by operation and counts uses', async () => {
    const { emu, client, IdentityPoolId } = await setup();
    emu.injectFault({ operation: 'GetCredentialsForIdentity', error: 'TooManyRequestsException', times: 2 });
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId }));
    for (let i = 0; i < 2; i++) {
      await expect(client.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject({
        name: 'TooManyRequestsException',
      });
    }
    await expect(client.send(new GetCredentialsForIdentityCommand({ IdentityId }))).resolves.toBeDefined();
  });

  it('drops the connection without a response for ECONNRESET', async () => {
    const { emu, client, IdentityPoolId } = await setup();
    emu.injectFault({ error: 'ECONNRESET' });
    const error = await client.send(new GetIdCommand({ IdentityPoolId })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
    expect(emu.requests()[0]).toMatchObject({ operation: 'GetId' });
    expect(emu.requests()[0]?.status).toBeUndefined();
    await expect(client.send(new GetIdCommand({ IdentityPoolId }))).resolves.toBeDefined();
  });

  it('delays responses by latencyMs', async () => {
    const { emu, client, IdentityPoolId } = await setup();
    emu.injectFault({ latencyMs: 300 });
    const started = Date.now();
    await client.send(new GetIdCommand({ IdentityPoolId }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('clears faults and rejects nonsense faults', async () => {
    const { emu, client, IdentityPoolId } = await setup();
    emu.injectFault({ error: 'InternalErrorException', times: Infinity });
    emu.clearFaults();
    await expect(client.send(new GetIdCommand({ IdentityPoolId }))).resolves.toBeDefined();
    expect(() => emu.injectFault({ times: 0, error: 'X' })).toThrow(TypeError);
    expect(() => emu.injectFault({})).toThrow(TypeError);
  });

  it('stops promptly while a delayed request is pending', async () => {
    const { emu, client, IdentityPoolId } = await setup();
    emu.injectFault({ latencyMs: 20000 });
    const pending = client.send(new GetIdCommand({ IdentityPoolId })).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await emu.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('requests()', () => {
  it('records operations and statuses, never tokens', async () => {
    const { emu, client, IdentityPoolId, token } = await setup();
    const Logins = { [FACEBOOK]: token };
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId, Logins }));
    const creds = await client.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    await client
      .send(new GetIdCommand({ IdentityPoolId, Logins: { [FACEBOOK]: token + 'x' } }))
      .catch(() => {});
    const recorded = emu.requests();
    expect(recorded.map((r) => [r.operation, r.status])).toEqual([
      ['GetId', 200],
      ['GetCredentialsForIdentity', 200],
      ['GetId', 400],
    ]);
    expect(recorded[0]?.at).toBeInstanceOf(Date);
    const dump = JSON.stringify(recorded);
    for (const secret of [
      token,
      ...token.split('.'),
      creds.Credentials!.SessionToken!,
      creds.Credentials!.SecretKey!,
    ]) {
      expect(dump).not.toContain(secret);
    }
    emu.resetRequests();
    expect(emu.requests()).toEqual([]);
  });
});
