import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startHarness, type Harness, type HarnessUserPool } from './harness';
import { rememberSecrets } from './secrets';
import { startSrpUserPool, type SrpUserPool } from './srpUserPool';

export const PASSWORD = 'Api-Passw0rd-1';
export const NEW_PASSWORD = 'Api-Passw0rd-2';
export const CODE = '654321'; // cognito-local's one-time codes equal CODE

/** What a user-pool suite's hooks keep up to date: the emulators, the pool, and this test's harness. */
export interface UserPoolSuite {
  users: SrpUserPool;
  pool: HarnessUserPool;
  h: Harness;
  /** A new confirmed user with PASSWORD. */
  newUser(): Promise<string>;
}

/**
 * Registers the hooks of a suite against cognito-local behind the SRP proxy (one-time codes = CODE,
 * e-mail auto-verified): the pool once per file, a fresh harness per test.
 */
export function userPoolSuite(): UserPoolSuite {
  let count = 0;
  const suite = {
    async newUser() {
      const username = `api${++count}@example.com`;
      await suite.users.createUser(suite.pool.poolId, username, PASSWORD);
      return username;
    },
  } as UserPoolSuite;
  beforeAll(async () => {
    suite.users = await startSrpUserPool({ code: CODE });
    const created = await suite.users.createPool();
    await suite.users.admin.send(
      new UpdateUserPoolCommand({ UserPoolId: created.poolId, AutoVerifiedAttributes: ['email'] }),
    );
    const { endpoint, port, issuerDomain } = suite.users;
    suite.pool = { ...created, endpoint, port, issuerDomain };
    rememberSecrets(PASSWORD, NEW_PASSWORD, `Tmp-${PASSWORD}`, 'Wrong-Passw0rd-9');
  }, 30_000);
  afterAll(async () => {
    await suite.users.stop();
  });
  beforeEach(async () => {
    suite.h = await startHarness({ userPool: suite.pool });
  });
  afterEach(async () => {
    await suite.h.stop();
  });
  return suite;
}
