// The README's example, line for line between the markers (readmeExample.test.ts checks that they match
// and runs it). It takes the outputs and the token as parameters instead of importing and obtaining them.
// example:start
import { Amplify as Plugboard } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { configureAwsAmplify, fromAmplifyOutputs } from '@plugboard/aws-amplify-bridge';
// example:end
import type { AmplifyOutputs } from '@plugboard/core';

export async function readmeExample(outputs: AmplifyOutputs, facebookToken: string): Promise<void> {
  // example:start
  const { plugboard, awsAmplify } = fromAmplifyOutputs(outputs); // instead of Amplify.configure(outputs)
  Plugboard.addPlugin(new AWSCognitoAuthPlugin());
  Plugboard.configure(plugboard);
  configureAwsAmplify(awsAmplify);
  // later, with the token from Facebook Login:
  const plugin = Plugboard.Auth.getPlugin('awsCognitoAuthPlugin');
  await plugin.federateToIdentityPool(facebookToken, AuthProvider.facebook());
  // example:end
}
