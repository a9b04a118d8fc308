// Bundle entry: an identity pool and a bucket configured, one upload and one download (aws-amplify).
import { Amplify } from 'aws-amplify';
import { downloadData, uploadData } from 'aws-amplify/storage';

Amplify.configure({
  Auth: {
    Cognito: { identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', allowGuestAccess: true },
  },
  Storage: { S3: { bucket: 'bench-bucket', region: 'us-east-1' } },
});
await uploadData({ path: 'public/a.txt', data: 'hello' }).result;
const { body } = await downloadData({ path: 'public/a.txt' }).result;
console.log(await body.text());
