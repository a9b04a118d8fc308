import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  createPoolUser,
  startUserPoolEmulator,
  type StartUserPoolEmulatorOptions,
  type UserPoolEmulator,
} from './cognitoLocal';
import {
  startUserPoolSrpFront,
  type StartUserPoolSrpFrontOptions,
  type UserPoolSrpFront,
} from '@plugboard/cognito-identity-emulator';

/**
 * cognito-local behind the emulator package's SRP front: `endpoint` is the front, so clients sign in with USER_SRP_AUTH as
 * against Cognito; users are created through the front, which keeps their SRP verifiers.
 */
export interface SrpUserPool extends UserPoolEmulator {
  readonly proxy: UserPoolSrpFront;
  /** cognito-local itself: the issuer of the tokens. */
  readonly local: UserPoolEmulator;
}

export interface StartSrpUserPoolOptions extends StartUserPoolEmulatorOptions {
  /** Options of the SRP front (for example `requireMfaSetup`). */
  readonly front?: Omit<StartUserPoolSrpFrontOptions, 'upstream'>;
}

export async function startSrpUserPool(options: StartSrpUserPoolOptions = {}): Promise<SrpUserPool> {
  const { front, ...emulatorOptions } = options;
  const local = await startUserPoolEmulator(emulatorOptions);
  const proxy = await startUserPoolSrpFront({ ...front, upstream: local.endpoint }).catch(
    async (error: unknown) => {
      await local.stop();
      throw error;
    },
  );
  const admin = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: proxy.endpoint,
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'l'.repeat(40) },
  });
  return {
    endpoint: proxy.endpoint,
    issuerDomain: local.issuerDomain,
    port: local.port,
    dataDirectory: local.dataDirectory,
    admin,
    proxy,
    local,
    createPool: (options) => local.createPool(options),
    // Through the front, which keeps each user's SRP verifier.
    createUser: (poolId, username, password, options) =>
      createPoolUser(admin, poolId, username, password, options),
    async stop() {
      admin.destroy();
      await proxy.stop();
      await local.stop();
    },
  };
}
