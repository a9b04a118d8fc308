// Bundle entry: configure an identity pool and fetch the session (aws-amplify).
import { Amplify } from 'aws-amplify';
import { fetchAuthSession } from 'aws-amplify/auth';

Amplify.configure({
  Auth: {
    Cognito: { identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', allowGuestAccess: true },
  },
});
console.log((await fetchAuthSession()).identityId);
