// The identity emulator behind the demo's credentials tap, an in-memory S3 that verifies every
// signature against the keys the tap saw issued, and Amplify configured with the Cognito auth plugin
// and the S3 storage plugin pointing at them.
import { Amplify, type AmplifyConfiguration } from '@plugboard/core';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
} from '@plugboard/cognito-identity-emulator';
import { AuthProvider, AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import {
  startCredentialsTap,
  type CredentialsTap,
} from '../../../../examples/federation-demo/src/game/credentialsTap';
import { AWSS3StoragePlugin } from '../../src';
import { rememberSecret } from './secrets';
import { BUCKET, startSignedS3, type SignedS3 } from '../../../../examples/federation-demo/src/game/signedS3';

export interface StorageWorld {
  readonly emulator: CognitoIdentityEmulator;
  readonly tap: CredentialsTap;
  readonly s3: SignedS3;
  readonly auth: AWSCognitoAuthPlugin;
  readonly storage: AWSS3StoragePlugin;
  readonly config: AmplifyConfiguration;
  /** Federates a test-IdP user; answers its identity id. */
  federate(subject: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startStorageWorld(options: { allowGuests?: boolean } = {}): Promise<StorageWorld> {
  const emulator = await startCognitoIdentityEmulator({ port: 0 });
  const poolId = await emulator.createIdentityPool({
    allowUnauthenticatedIdentities: options.allowGuests ?? false,
    supportedLoginProviders: { 'graph.facebook.com': 'facebook-app-id' },
  });
  const tap = await startCredentialsTap(emulator.endpoint, (issued) =>
    rememberSecret(issued.secretAccessKey, issued.sessionToken),
  );
  const s3 = await startSignedS3(tap.lookup);
  const config: AmplifyConfiguration = {
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: { Default: { PoolId: poolId, Region: 'us-east-1', Endpoint: tap.endpoint } },
          },
        },
      },
    },
    storage: {
      plugins: { awsS3StoragePlugin: { bucket: BUCKET, region: 'us-east-1', Endpoint: s3.endpoint } },
    },
  };
  await Amplify.reset();
  const auth = new AWSCognitoAuthPlugin();
  const storage = new AWSS3StoragePlugin();
  Amplify.addPlugin(auth);
  Amplify.addPlugin(storage);
  Amplify.configure(config);
  return {
    emulator,
    tap,
    s3,
    auth,
    storage,
    config,
    async federate(subject) {
      const token = await emulator.issueProviderToken({
        providerName: 'graph.facebook.com',
        subject,
        expiresInSeconds: 3600,
      });
      rememberSecret(token);
      const result = await auth.federateToIdentityPool(token, AuthProvider.facebook());
      rememberSecret(result.credentials.secretAccessKey, result.credentials.sessionToken);
      return result.identityId;
    },
    async stop() {
      await Amplify.reset();
      await s3.stop();
      await tap.stop();
      await emulator.stop();
    },
  };
}
