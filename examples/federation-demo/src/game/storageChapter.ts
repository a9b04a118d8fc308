import { Amplify, Hub, HubChannel } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { AWSS3StoragePlugin } from '@plugboard/storage-s3-plugin';
import { startCognitoIdentityEmulator } from '@plugboard/cognito-identity-emulator';
import type { Backend } from '../backend';
import { describeError, shortKeyId, type Output } from '../output';
import { startCredentialsTap } from './credentialsTap';
import { REGION } from './gameBackend';
import { BUCKET, startSignedS3 } from './signedS3';

type Check = (condition: unknown, what: string) => asserts condition;

const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/**
 * A second category: the players' profiles in S3 through Amplify.Storage, signed by the Auth category's
 * credentials. Its own identity pool and an in-memory S3 that checks every signature, on the real clock
 * (the S3 client signs with it).
 */
export async function runStorageChapter(backend: Backend, out: Output, check: Check): Promise<void> {
  out.step('Storage: players keep their profiles in S3 through Amplify.Storage');
  if (!backend.advanceClock) {
    out.skip('the storage chapter needs the local identity pool and S3; run `npm run demo` without options');
    return;
  }
  const emulator = await startCognitoIdentityEmulator({ port: 0 });
  const tap = await startCredentialsTap(emulator.endpoint);
  const s3 = await startSignedS3(tap.lookup);
  const subscription = Hub.subscribe(HubChannel.STORAGE, (event) =>
    out.event(event.name, { path: event.data.path }),
  );
  try {
    const poolId = await emulator.createIdentityPool({
      supportedLoginProviders: { 'graph.facebook.com': 'demo-facebook-app-id' },
      allowUnauthenticatedIdentities: false,
    });
    await Amplify.reset();
    const auth = new AWSCognitoAuthPlugin();
    Amplify.addPlugin(auth);
    Amplify.addPlugin(new AWSS3StoragePlugin());
    Amplify.configure({
      auth: {
        plugins: {
          awsCognitoAuthPlugin: {
            CredentialsProvider: {
              CognitoIdentity: { Default: { PoolId: poolId, Region: REGION, Endpoint: tap.endpoint } },
            },
          },
        },
      },
      storage: { plugins: { awsS3StoragePlugin: { bucket: BUCKET, region: REGION, Endpoint: s3.endpoint } } },
    });
    out.line(`S3 (in memory, in this process) at ${s3.endpoint}, bucket ${BUCKET}: it checks each request's`);
    out.line(
      "signature against the secret key Cognito issued, and the role's policy: private/{identityId}/ is",
    );
    out.line("its owner's alone");
    const federate = async (player: string): Promise<string> => {
      const token = await emulator.issueProviderToken({
        providerName: 'graph.facebook.com',
        subject: player,
      });
      return (await auth.federateToIdentityPool(token, AuthProvider.facebook())).identityId;
    };

    const alice = await federate('alice');
    out.line('   await Amplify.Storage.uploadData({');
    out.line('     path: ({ identityId }) => `private/${identityId}/profile.json`,');
    out.line("     data: JSON.stringify({ name: 'alice', avatar: 'fox' }),");
    out.line('   }).result;');
    const { path } = await Amplify.Storage.uploadData({
      path: ({ identityId }) => `private/${identityId}/profile.json`,
      data: JSON.stringify({ name: 'alice', avatar: 'fox' }),
      options: { contentType: 'application/json' },
    }).result;
    const put = s3.records().find((r) => r.operation === 'PutObject');
    check(
      path === `private/${alice}/profile.json` && put?.identityId === alice && put.status === 200,
      "the upload is signed by alice's identity",
    );
    const signer = tap.issued().find((c) => c.identityId === alice);
    out.ok(
      `stored ${path}, signed with ${shortKeyId(signer?.accessKeyId ?? '')} (verified against the key Cognito issued to alice)`,
    );
    const { body } = await Amplify.Storage.downloadData({
      key: 'profile.json',
      options: { accessLevel: 'private' },
    }).result;
    const profile = (await body.json()) as { avatar?: string };
    check(profile.avatar === 'fox', 'the profile reads back');
    out.ok(
      "read back with the access-level form ({ key: 'profile.json', accessLevel: 'private' }): avatar fox",
    );
    const { url } = await Amplify.Storage.getUrl({ path, options: { expiresIn: 300 } });
    const fetched = await fetch(url);
    check(
      fetched.status === 200 && ((await fetched.json()) as { name?: string }).name === 'alice',
      'the presigned URL works',
    );
    out.ok('a presigned URL (5 min) read with plain fetch, no credentials: 200');

    const bob = await federate('bob');
    check(bob !== alice, 'bob has his own identity');
    const sent = s3.records().length;
    const denied = await failureOf(
      Amplify.Storage.downloadData({ path: `private/${alice}/profile.json` }).result,
    );
    check(
      denied instanceof Error && denied.name === 'AccessDeniedException' && s3.records().length === sent,
      'refused before any request',
    );
    out.expectedFailure(
      `bob reads alice's private profile: ${describeError(denied)}`,
      "private/ objects are their owner's alone; nothing was sent",
    );

    await auth.clearFederationToIdentityPool();
    const cleared = await failureOf(
      Amplify.Storage.uploadData({ path: 'public/after-clear.json', data: '{}' }).result,
    );
    check(
      cleared instanceof Error && cleared.name === 'AccessDeniedException' && s3.records().length === sent,
      'no upload after the clear',
    );
    out.expectedFailure(
      `an upload after clearFederationToIdentityPool: ${describeError(cleared)}`,
      'nobody is federated and this pool gives no guest credentials',
    );
    out.ok(
      `profiles kept with federated credentials only: ${s3.records().length} S3 requests, all signed and verified`,
    );
  } finally {
    subscription.unsubscribe();
    await Amplify.reset();
    await s3.stop();
    await tap.stop();
    await emulator.stop();
  }
}
