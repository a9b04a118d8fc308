import { createHmac } from 'node:crypto';
import { srpClient, startFrontHarness, type FrontHarness } from './srpFrontHarness';

// What the SRP front does with malformed input (a 400 with a service error name, never a 500), and the
// service's rule for challenge answers after an alias sign-in on an app client with a secret: USERNAME is
// the username of ChallengeParameters, and SECRET_HASH is computed over it.
const PASSWORD = 'Input-Passw0rd-1';
const EMAIL = 'input@example.com';
type Json = Record<string, unknown>;

describe('the SRP front with an app client secret', () => {
  let h: FrontHarness;
  let code: () => string;
  let canonical: string;

  beforeAll(async () => {
    h = await startFrontHarness({}, { clientSecret: true });
    canonical = await h.newUser(EMAIL, PASSWORD);
    code = await h.setUpTotp(EMAIL, PASSWORD);
  }, 30_000);
  afterAll(() => h.stop());

  const hash = (username: string) =>
    createHmac('sha256', h.pool.clientSecret!).update(`${username}${h.pool.clientId}`).digest('base64');
  /** A PASSWORD_VERIFIER challenge for the alias, and a valid answer to it (as the service wants it). */
  const challenge = async () => {
    const client = srpClient(h.pool.poolId.split('_')[1]!, PASSWORD);
    const started = await h.call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: EMAIL, SRP_A: client.A, SECRET_HASH: hash(EMAIL) },
    });
    expect(started.status).toBe(200);
    const params = started.json.ChallengeParameters as Record<string, string>;
    const responses: Json = {
      USERNAME: params.USERNAME,
      SECRET_HASH: hash(params.USERNAME!),
      ...client.claim(params, params.USER_ID_FOR_SRP!),
    };
    return { session: started.json.Session, params, responses };
  };
  const answer = (session: unknown, responses: unknown, extra: Json = {}) =>
    h.call('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: session,
      ChallengeResponses: responses,
      ...extra,
    });

  it('names the pool username in ChallengeParameters and wants it, with its SECRET_HASH, in every answer', async () => {
    const { session, params, responses } = await challenge();
    expect(params.USERNAME).toBe(canonical);
    expect(params.USER_ID_FOR_SRP).toBe(canonical);
    const refused = [
      { ...responses, USERNAME: EMAIL, SECRET_HASH: hash(EMAIL) }, // the alias
      { ...responses, SECRET_HASH: hash(EMAIL) }, // the hash over the alias
      { ...responses, SECRET_HASH: undefined }, // no hash
    ];
    for (const wrong of refused) {
      await expect(answer(session, wrong)).resolves.toMatchObject({
        status: 400,
        json: { __type: 'NotAuthorizedException' },
      });
    }
    const mfa = await answer(session, responses);
    expect(mfa.json).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: expect.any(String) });

    // The upstream's own challenge follows the same rule (cognito-local alone would take the alias).
    const totp = (USERNAME: string, SECRET_HASH: string | undefined) =>
      h.call('RespondToAuthChallenge', {
        ClientId: h.pool.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.json.Session,
        ChallengeResponses: {
          USERNAME,
          SOFTWARE_TOKEN_MFA_CODE: code(),
          ...(SECRET_HASH ? { SECRET_HASH } : {}),
        },
      });
    for (const [name, secretHash] of [
      [EMAIL, hash(EMAIL)],
      [canonical, hash(EMAIL)],
      [canonical, undefined],
    ] as const) {
      await expect(totp(name, secretHash)).resolves.toMatchObject({
        status: 400,
        json: { __type: 'NotAuthorizedException' },
      });
    }
    const done = await totp(canonical, hash(canonical));
    expect(done.status).toBe(200);
    expect(done.json.AuthenticationResult).toEqual(
      expect.objectContaining({ AccessToken: expect.any(String) }),
    );
  });

  it('refuses an InitiateAuth without a SECRET_HASH or with one over another name', async () => {
    for (const SECRET_HASH of [undefined, hash(canonical), 'bm90IGEgaGFzaA==']) {
      const started = await h.call('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: h.pool.clientId,
        AuthParameters: {
          USERNAME: EMAIL,
          SRP_A: srpClient('x', 'y').A,
          ...(SECRET_HASH ? { SECRET_HASH } : {}),
        },
      });
      expect(started).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });
    }
  });

  it.each<[string, string, (r: Json) => unknown]>([
    [
      'a missing PASSWORD_CLAIM_SIGNATURE',
      'InvalidParameterException',
      (r) => ({ ...r, PASSWORD_CLAIM_SIGNATURE: undefined }),
    ],
    ['a missing TIMESTAMP', 'InvalidParameterException', (r) => ({ ...r, TIMESTAMP: undefined })],
    [
      'a missing secret block',
      'InvalidParameterException',
      (r) => ({ ...r, PASSWORD_CLAIM_SECRET_BLOCK: undefined }),
    ],
    ['a missing USERNAME', 'InvalidParameterException', (r) => ({ ...r, USERNAME: undefined })],
    ['a numeric signature', 'SerializationException', (r) => ({ ...r, PASSWORD_CLAIM_SIGNATURE: 12345 })],
    ['an object TIMESTAMP', 'SerializationException', (r) => ({ ...r, TIMESTAMP: { at: 1 } })],
    ['an array USERNAME', 'SerializationException', (r) => ({ ...r, USERNAME: [canonical] })],
    [
      'a boolean secret block',
      'SerializationException',
      (r) => ({ ...r, PASSWORD_CLAIM_SECRET_BLOCK: true }),
    ],
    ['responses as a string', 'SerializationException', () => 'USERNAME=x'],
    ['responses as an array', 'SerializationException', (r) => [r]],
    [
      'a signature that is not base64',
      'NotAuthorizedException',
      (r) => ({ ...r, PASSWORD_CLAIM_SIGNATURE: '%%%' }),
    ],
    [
      'a TIMESTAMP of another form',
      'NotAuthorizedException',
      (r) => ({ ...r, TIMESTAMP: '2026-12-06T04:00:00Z' }),
    ],
    [
      'another secret block',
      'NotAuthorizedException',
      (r) => ({ ...r, PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA' }),
    ],
    [
      'a very long signature',
      'NotAuthorizedException',
      (r) => ({ ...r, PASSWORD_CLAIM_SIGNATURE: 'A'.repeat(100_000) }),
    ],
  ])('answers a PASSWORD_VERIFIER with %s with a 400 %s', async (_, type, change) => {
    const { session, responses } = await challenge();
    await expect(answer(session, change(responses))).resolves.toEqual({
      status: 400,
      json: { __type: type, message: expect.any(String) },
    });
  });

  it.each<[string, string, unknown, string]>([
    ['a body that is not JSON', 'RespondToAuthChallenge', '{"ClientId": ', 'SerializationException'],
    ['a JSON array', 'RespondToAuthChallenge', '[1, 2]', 'SerializationException'],
    ['JSON null', 'InitiateAuth', 'null', 'SerializationException'],
    ['a JSON string', 'InitiateAuth', '"USER_SRP_AUTH"', 'SerializationException'],
    [
      'no ChallengeName',
      'RespondToAuthChallenge',
      { ClientId: 'c', Session: 's' },
      'InvalidParameterException',
    ],
    [
      'a numeric ChallengeName',
      'RespondToAuthChallenge',
      { ClientId: 'c', ChallengeName: 5 },
      'SerializationException',
    ],
    [
      'an object Session',
      'RespondToAuthChallenge',
      { ClientId: 'c', ChallengeName: 'X', Session: {} },
      'SerializationException',
    ],
    [
      'no ClientId',
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', AuthParameters: {} },
      'InvalidParameterException',
    ],
    [
      'AuthParameters as a string',
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: 'c', AuthParameters: 'x' },
      'SerializationException',
    ],
    [
      'a numeric SRP_A',
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: 'c', AuthParameters: { SRP_A: 7 } },
      'SerializationException',
    ],
    ['a Limit that is text', 'ListDevices', { AccessToken: 'a.b.c', Limit: 'ten' }, 'SerializationException'],
  ])('answers %s (%s) with a 400 %s', async (_, operation, body, type) => {
    await expect(h.call(operation, body)).resolves.toEqual({
      status: 400,
      json: { __type: type, message: expect.any(String) },
    });
  });

  it('never answers a mangled challenge answer with a 500 (random members and values)', async () => {
    const { session, responses } = await challenge();
    const odd: unknown[] = [
      null,
      0,
      -1,
      1e308,
      true,
      '',
      ' ',
      '\u0000',
      '💥'.repeat(500),
      [],
      [null],
      {},
      { a: { b: 1 } },
    ];
    let seed = 7;
    const pick = <T>(list: readonly T[]): T =>
      list[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % list.length]!;
    const keys = [...Object.keys(responses), 'DEVICE_KEY', 'SRP_A', 'ANSWER', 'NEW_PASSWORD'];
    const allowed = [
      'SerializationException',
      'InvalidParameterException',
      'NotAuthorizedException',
      'ResourceNotFoundException',
    ];
    for (let i = 0; i < 60; i++) {
      const mangled: Json = { ...responses, [pick(keys)]: pick(odd), [pick(keys)]: pick(odd) };
      const top = pick(['ChallengeName', 'Session', 'ClientId', 'ChallengeResponses', 'ClientMetadata']);
      const result = await answer(session, mangled, i % 3 === 0 ? { [top]: pick(odd) } : {});
      expect({ mangled, top, result: result.status }).toEqual({ mangled, top, result: 400 });
      expect(allowed).toContain(result.json.__type);
    }
  });
});

describe('the SRP front without device tracking', () => {
  let h: FrontHarness;
  beforeAll(async () => {
    h = await startFrontHarness({});
    await h.newUser(EMAIL, PASSWORD);
  }, 30_000);
  afterAll(() => h.stop());

  it('hands out no NewDeviceMetadata and refuses the device calls', async () => {
    const signedIn = await h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: EMAIL, PASSWORD },
    });
    const result = signedIn.json.AuthenticationResult as Json;
    expect(result.AccessToken).toEqual(expect.any(String));
    expect(result.NewDeviceMetadata).toBeUndefined();
    const confirm = await h.call('ConfirmDevice', { AccessToken: result.AccessToken, DeviceKey: 'local_1' });
    expect(confirm).toMatchObject({ status: 400, json: { __type: 'InvalidParameterException' } });
  });
});
