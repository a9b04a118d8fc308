import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
  type ICognitoStorage,
} from 'amazon-cognito-identity-js';
import { EmulatorUsageError, startUserPoolSrpFront } from '../src';
import { startFrontHarness, type FrontHarness } from './srpFrontHarness';

// Remembered devices proven with AWS's own client: amazon-cognito-identity-js confirms the device after an
// MFA sign-in, remembers it, signs in with device SRP (no MFA), lists and forgets it.
const PASSWORD = 'Device-Passw0rd-1';

/** The storage amazon-cognito-identity-js keeps its tokens and device secret in, one per "browser". */
class Storage implements ICognitoStorage {
  readonly items = new Map<string, string>();
  setItem = (key: string, value: string): void => void this.items.set(key, value);
  getItem = (key: string): string | null => this.items.get(key) ?? null;
  removeItem = (key: string): void => void this.items.delete(key);
  clear = (): void => this.items.clear();
}

type Outcome =
  | { kind: 'success'; confirmationNecessary?: boolean }
  | { kind: 'totp' }
  | { kind: 'failure'; error: { code?: string; message: string } };

describe('startUserPoolSrpFront deviceTracking option', () => {
  it.each([
    ['a string', 'always'],
    ['an unknown member', { rememberAlways: true }],
    ['a non-boolean member', { challengeRequiredOnNewDevice: 'yes' }],
  ])('refuses %s with EmulatorUsageError', async (_, deviceTracking) => {
    const error = await startUserPoolSrpFront({
      upstream: 'http://127.0.0.1:9',
      deviceTracking,
    } as never).then(
      (front) => front.stop().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmulatorUsageError);
    expect((error as Error).message).toMatch(/deviceTracking/);
  });
});

describe('remembered devices with amazon-cognito-identity-js (user opt-in, MFA skipped on remembered devices)', () => {
  let h: FrontHarness;
  let email: string;
  let username: string;
  let code: () => string;
  const storage = new Storage();

  beforeAll(async () => {
    h = await startFrontHarness({
      deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    });
    email = 'device-user@example.com';
    username = await h.newUser(email, PASSWORD);
    code = await h.setUpTotp(email, PASSWORD);
  }, 30_000);
  afterAll(() => h.stop());

  const userOf = (store: Storage = storage): CognitoUser =>
    new CognitoUser({
      Username: email,
      Storage: store,
      Pool: new CognitoUserPool({
        UserPoolId: h.pool.poolId,
        ClientId: h.pool.clientId,
        endpoint: h.front.endpoint,
        Storage: store,
      }),
    });

  /** Signs in; a TOTP challenge is answered when `answerTotp`, else reported. */
  const signIn = (user: CognitoUser, answerTotp: boolean): Promise<Outcome> =>
    new Promise((resolve) => {
      const callbacks = {
        onSuccess: (_: CognitoUserSession, confirmationNecessary?: boolean) =>
          resolve({
            kind: 'success',
            ...(confirmationNecessary === undefined ? {} : { confirmationNecessary }),
          }),
        onFailure: (error: { code?: string; message: string }) => resolve({ kind: 'failure', error }),
        totpRequired: () => {
          if (!answerTotp) return resolve({ kind: 'totp' });
          user.sendMFACode(code(), callbacks, 'SOFTWARE_TOKEN_MFA');
        },
      };
      user.authenticateUser(new AuthenticationDetails({ Username: email, Password: PASSWORD }), callbacks);
    });
  const promised = <T>(
    run: (callbacks: { onSuccess: (r: T) => void; onFailure: (e: Error) => void }) => void,
  ) => new Promise<T>((onSuccess, onFailure) => run({ onSuccess, onFailure }));

  it('confirms the device after the TOTP sign-in, remembers it, signs in again without MFA, lists and forgets it', async () => {
    const first = userOf();
    await expect(signIn(first, true)).resolves.toEqual({ kind: 'success', confirmationNecessary: true });
    // Confirmed by the client, not remembered yet (user opt-in).
    const [device] = h.front.devices(h.pool.poolId, username);
    expect(device).toMatchObject({
      // `<region>_<uuid>`, the region being the pool id's prefix (`local` for cognito-local).
      key: expect.stringMatching(new RegExp(`^${h.pool.poolId.split('_')[0]}_[0-9a-f-]{36}$`)),
      remembered: false,
    });
    const prefix = `CognitoIdentityServiceProvider.${h.pool.clientId}.${username}`;
    expect(storage.getItem(`${prefix}.deviceKey`)).toBe(device!.key);
    await promised<string>((cb) => first.setDeviceStatusRemembered(cb));
    expect(h.front.devices(h.pool.poolId, username)).toEqual([expect.objectContaining({ remembered: true })]);

    const before = h.front.received.length;
    const second = userOf();
    await expect(signIn(second, false)).resolves.toEqual({ kind: 'success' });
    expect(h.front.received.slice(before)).toEqual([
      'InitiateAuth:USER_SRP_AUTH',
      'RespondToAuthChallenge:PASSWORD_VERIFIER',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER',
    ]);
    // The same device: no new one was issued or confirmed.
    expect(h.front.devices(h.pool.poolId, username)).toHaveLength(1);
    // Its refresh sends the device key the refresh token is bound to (refused without it).
    const session = await promised<CognitoUserSession>((cb) =>
      second.getSession((error: Error | null, value: CognitoUserSession) =>
        error ? cb.onFailure(error) : cb.onSuccess(value),
      ),
    );
    const refreshed = await promised<CognitoUserSession>((cb) =>
      second.refreshSession(session.getRefreshToken(), (error: Error | null, value: CognitoUserSession) =>
        error ? cb.onFailure(error) : cb.onSuccess(value),
      ),
    );
    expect(refreshed.getAccessToken().getJwtToken()).toEqual(expect.any(String));
    const bare = await h.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { REFRESH_TOKEN: session.getRefreshToken().getToken() },
    });
    expect(bare).toMatchObject({ status: 400, json: { __type: 'NotAuthorizedException' } });

    const listed = await promised<{
      Devices: { DeviceKey: string; DeviceAttributes: { Name: string; Value: string }[] }[];
    }>((cb) => second.listDevices(10, null, cb));
    expect(listed.Devices).toEqual([
      expect.objectContaining({
        DeviceKey: device!.key,
        DeviceAttributes: expect.arrayContaining([
          { Name: 'dev:device_remembered_status', Value: 'remembered' },
          { Name: 'device_status', Value: 'valid' },
        ]),
      }),
    ]);
    await promised<string>((cb) => second.forgetDevice(cb));
    expect(h.front.devices(h.pool.poolId, username)).toEqual([]);
    expect(storage.getItem(`${prefix}.deviceKey`)).toBeNull();

    // Forgotten: MFA again.
    await expect(signIn(userOf(), false)).resolves.toEqual({ kind: 'totp' });
  });

  it('refuses a tampered device secret, and a device forgotten elsewhere makes the client start over', async () => {
    const own = new Storage();
    const user = userOf(own);
    await expect(signIn(user, true)).resolves.toMatchObject({ kind: 'success' });
    await promised<string>((cb) => user.setDeviceStatusRemembered(cb));
    const prefix = `CognitoIdentityServiceProvider.${h.pool.clientId}.${username}`;
    const secret = own.getItem(`${prefix}.randomPasswordKey`)!;
    own.setItem(`${prefix}.randomPasswordKey`, `${secret.slice(0, -2)}xx`);
    await expect(signIn(userOf(own), false)).resolves.toMatchObject({
      kind: 'failure',
      error: { code: 'NotAuthorizedException' },
    });
    own.setItem(`${prefix}.randomPasswordKey`, secret);
    await expect(signIn(userOf(own), false)).resolves.toEqual({ kind: 'success' });

    // Another client forgets it: the front answers ResourceNotFoundException about the device, and the
    // client drops its device data and signs in without it (MFA again).
    const key = own.getItem(`${prefix}.deviceKey`)!;
    const other = userOf(new Storage());
    await expect(signIn(other, true)).resolves.toMatchObject({ kind: 'success' });
    await promised<string>((cb) => other.forgetSpecificDevice(key, cb));
    await expect(signIn(userOf(own), false)).resolves.toEqual({ kind: 'totp' });
    expect(own.getItem(`${prefix}.deviceKey`)).toBeNull();
  });
});
