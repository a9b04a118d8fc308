/**
 * Conformance, BEHAVIOUR section 10 "Roles". Sources: API reference GetCredentialsForIdentity (errors:
 * InvalidIdentityPoolConfigurationException; CustomRoleArn), SetIdentityPoolRoles and RoleMapping /
 * MappingRule (Type Token | Rules, AmbiguousRoleResolution AuthenticatedRole | Deny).
 */
import {
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetIdentityPoolRolesCommand,
  SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { DEFAULT_ROLES, type CognitoIdentityEmulator, type RoleMapping } from '../../src/index.js';
import { FACEBOOK, clientFor, start, stopAll } from '../helpers';

afterEach(stopAll);

const ROLE = (name: string): string => `arn:aws:iam::123456789012:role/${name}`;

async function credentialsRole(
  emu: CognitoIdentityEmulator,
  poolId: string,
  claims?: Record<string, unknown>,
  customRoleArn?: string,
): Promise<string | undefined> {
  const client = clientFor(emu);
  const Logins = {
    [FACEBOOK]: await emu.issueProviderToken({ providerName: FACEBOOK, subject: 'alice', claims }),
  };
  const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: poolId, Logins }));
  emu.resetRequests();
  await client.send(
    new GetCredentialsForIdentityCommand({ IdentityId, Logins, CustomRoleArn: customRoleArn }),
  );
  return emu.requests().find((r) => r.operation === 'GetCredentialsForIdentity')?.roleArn;
}

function poolWith(emu: CognitoIdentityEmulator, roleMappings?: Record<string, RoleMapping>): Promise<string> {
  return emu.createIdentityPool({
    supportedLoginProviders: { [FACEBOOK]: 'fb-app' },
    roles: { authenticated: ROLE('auth'), unauthenticated: ROLE('guest') },
    ...(roleMappings ? { roleMappings } : {}),
  });
}

describe('BEHAVIOUR 10 roles (API reference: GetCredentialsForIdentity, SetIdentityPoolRoles, RoleMapping)', () => {
  it('createIdentityPool sets both default roles; the chosen role is visible in requests()', async () => {
    const emu = await start();
    const poolId = await emu.createIdentityPool({
      allowUnauthenticatedIdentities: true,
      supportedLoginProviders: { [FACEBOOK]: 'fb-app' },
    });
    expect(await credentialsRole(emu, poolId)).toBe(DEFAULT_ROLES.authenticated);
    const client = clientFor(emu);
    const guest = await client.send(new GetIdCommand({ IdentityPoolId: poolId }));
    await client.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId }));
    expect(emu.requests().at(-1)?.roleArn).toBe(DEFAULT_ROLES.unauthenticated);
  });

  it('a pool without the needed role answers InvalidIdentityPoolConfigurationException (authenticated and guest)', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const poolId = await emu.createIdentityPool({
      allowUnauthenticatedIdentities: true,
      supportedLoginProviders: { [FACEBOOK]: 'fb-app' },
      roles: {},
    });
    await expect(credentialsRole(emu, poolId)).rejects.toMatchObject({
      name: 'InvalidIdentityPoolConfigurationException',
      $metadata: { httpStatusCode: 400 },
    });
    const guest = await client.send(new GetIdCommand({ IdentityPoolId: poolId }));
    await expect(
      client.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId })),
    ).rejects.toMatchObject({ name: 'InvalidIdentityPoolConfigurationException' });
    await client.send(
      new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { unauthenticated: ROLE('g') } }),
    );
    const creds = await client.send(new GetCredentialsForIdentityCommand({ IdentityId: guest.IdentityId }));
    expect(creds.IdentityId).toBe(guest.IdentityId);
    expect(await client.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }))).toMatchObject({
      IdentityPoolId: poolId,
      Roles: { unauthenticated: ROLE('g') },
    });
  });

  it('Token mapping: cognito:preferred_role wins, a single cognito:roles entry is used, CustomRoleArn picks among them', async () => {
    const emu = await start();
    const poolId = await poolWith(emu, {
      [FACEBOOK]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' },
    });
    expect(
      await credentialsRole(emu, poolId, {
        'cognito:preferred_role': ROLE('pref'),
        'cognito:roles': [ROLE('a'), ROLE('pref')],
      }),
    ).toBe(ROLE('pref'));
    expect(await credentialsRole(emu, poolId, { 'cognito:roles': [ROLE('only')] })).toBe(ROLE('only'));
    expect(await credentialsRole(emu, poolId, { 'cognito:roles': [ROLE('a'), ROLE('b')] }, ROLE('b'))).toBe(
      ROLE('b'),
    );
    expect(await credentialsRole(emu, poolId, { 'cognito:roles': [ROLE('a'), ROLE('b')] })).toBe(
      ROLE('auth'),
    );
  });

  it('Rules mapping: the first matching rule (Equals, Contains, StartsWith, NotEqual) chooses the role', async () => {
    const emu = await start();
    const rule = (
      Claim: string,
      MatchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual',
      Value: string,
      RoleARN: string,
    ) => ({ Claim, MatchType, Value, RoleARN });
    const poolId = await poolWith(emu, {
      [FACEBOOK]: {
        Type: 'Rules',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        RulesConfiguration: {
          Rules: [
            rule('group', 'Equals', 'admins', ROLE('admin')),
            rule('email', 'Contains', '@corp.', ROLE('corp')),
            rule('dept', 'StartsWith', 'eng', ROLE('eng')),
            rule('tier', 'NotEqual', 'free', ROLE('paid')),
          ],
        },
      },
    });
    expect(await credentialsRole(emu, poolId, { group: 'admins', email: 'a@corp.example' })).toBe(
      ROLE('admin'),
    );
    expect(await credentialsRole(emu, poolId, { email: 'a@corp.example' })).toBe(ROLE('corp'));
    expect(await credentialsRole(emu, poolId, { dept: 'engineering' })).toBe(ROLE('eng'));
    expect(await credentialsRole(emu, poolId, { tier: 'gold' })).toBe(ROLE('paid'));
    expect(await credentialsRole(emu, poolId, { tier: 'free' })).toBe(ROLE('auth'));
  });

  it('AmbiguousRoleResolution Deny refuses when no rule matches', async () => {
    const emu = await start();
    const poolId = await poolWith(emu, {
      [FACEBOOK]: {
        Type: 'Rules',
        AmbiguousRoleResolution: 'Deny',
        RulesConfiguration: {
          Rules: [{ Claim: 'group', MatchType: 'Equals', Value: 'admins', RoleARN: ROLE('admin') }],
        },
      },
    });
    expect(await credentialsRole(emu, poolId, { group: 'admins' })).toBe(ROLE('admin'));
    await expect(credentialsRole(emu, poolId, { group: 'users' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
  });

  it('SetIdentityPoolRoles refuses a Token/Rules mapping without AmbiguousRoleResolution (InvalidParameterException)', async () => {
    const emu = await start();
    const client = clientFor(emu);
    const poolId = await poolWith(emu);
    await expect(
      client.send(
        new SetIdentityPoolRolesCommand({
          IdentityPoolId: poolId,
          Roles: {},
          RoleMappings: { [FACEBOOK]: { Type: 'Token' } },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(
      client.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: poolId, Roles: { admin: ROLE('x') } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('a CustomRoleArn outside what the token and role mapping offer is refused (NotAuthorizedException), on every path', async () => {
    const emu = await start();
    const refused = { name: 'NotAuthorizedException', $metadata: { httpStatusCode: 400 } };
    // Token mapping: only the token's roles (cognito:roles, cognito:preferred_role) may be asked for.
    const token = await poolWith(emu, {
      [FACEBOOK]: { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' },
    });
    const claims = { 'cognito:roles': [ROLE('a'), ROLE('b')], 'cognito:preferred_role': ROLE('a') };
    expect(await credentialsRole(emu, token, claims, ROLE('b'))).toBe(ROLE('b'));
    await expect(credentialsRole(emu, token, claims, ROLE('admin'))).rejects.toMatchObject(refused);
    // Not even the fallback authenticated role, which the token does not offer.
    await expect(credentialsRole(emu, token, claims, ROLE('auth'))).rejects.toMatchObject(refused);
    // No mapping: only the role the pool hands out anyway.
    const plain = await poolWith(emu);
    expect(await credentialsRole(emu, plain, undefined, ROLE('auth'))).toBe(ROLE('auth'));
    await expect(credentialsRole(emu, plain, undefined, ROLE('admin'))).rejects.toMatchObject(refused);
    // Rules mapping: only the role the matching rule chose.
    const rules = await poolWith(emu, {
      [FACEBOOK]: {
        Type: 'Rules',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        RulesConfiguration: {
          Rules: [{ Claim: 'group', MatchType: 'Equals', Value: 'staff', RoleARN: ROLE('staff') }],
        },
      },
    });
    expect(await credentialsRole(emu, rules, { group: 'staff' }, ROLE('staff'))).toBe(ROLE('staff'));
    await expect(credentialsRole(emu, rules, { group: 'staff' }, ROLE('admin'))).rejects.toMatchObject(
      refused,
    );
    // A guest cannot pick the authenticated role.
    const guestPool = await emu.createIdentityPool({
      allowUnauthenticatedIdentities: true,
      roles: { authenticated: ROLE('auth'), unauthenticated: ROLE('guest') },
    });
    const client = clientFor(emu);
    const { IdentityId } = await client.send(new GetIdCommand({ IdentityPoolId: guestPool }));
    await expect(
      client.send(new GetCredentialsForIdentityCommand({ IdentityId, CustomRoleArn: ROLE('auth') })),
    ).rejects.toMatchObject(refused);
    const failed = emu
      .requests()
      .filter((r) => r.operation === 'GetCredentialsForIdentity' && r.status === 400);
    expect(failed.every((r) => r.roleArn === undefined)).toBe(true);
  });
});
