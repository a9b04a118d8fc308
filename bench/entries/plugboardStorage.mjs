// Bundle entry: the auth and storage plugins configured, one upload and one download (Plugboard).
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { AWSS3StoragePlugin } from '@plugboard/storage-s3-plugin';

Amplify.addPlugin(new AWSCognitoAuthPlugin());
Amplify.addPlugin(new AWSS3StoragePlugin());
Amplify.configure({
  auth: {
    plugins: {
      awsCognitoAuthPlugin: {
        CredentialsProvider: {
          CognitoIdentity: {
            Default: { PoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', Region: 'us-east-1' },
          },
        },
      },
    },
  },
  storage: { plugins: { awsS3StoragePlugin: { bucket: 'bench-bucket', region: 'us-east-1' } } },
});
await Amplify.Storage.uploadData({ path: 'public/a.txt', data: 'hello' }).result;
const { body } = await Amplify.Storage.downloadData({ path: 'public/a.txt' }).result;
console.log(await body.text());
