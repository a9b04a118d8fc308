import { rememberSessionSecrets } from './support/secrets';
import { PASSWORD, userPoolSuite } from './support/userPoolSuite';

/**
 * Issue 22 class 6 (BEHAVIOUR 8): a forced refresh whose user-pool token refresh fails tells the truth.
 * The tokens' result is the failure; the AWS credentials are refreshed with the still-valid id token
 * (new credentials, fetched from the identity pool), never the old ones handed back as SUCCESS.
 */
const suite = userPoolSuite();

describe('forced refresh with a failing user-pool token refresh', () => {
  it('reports the token failure and still refreshes the AWS credentials with the valid id token', async () => {
    suite.users.proxy.enableRotation(true);
    try {
      await suite.h.plugin.signIn(await suite.newUser(), PASSWORD);
      const before = await suite.h.plugin.fetchAuthSession();
      rememberSessionSecrets(before);
      expect(before.awsCredentialsResult.type).toBe('SUCCESS');
      const sent = suite.h.calls('GetCredentialsForIdentity');

      suite.users.proxy.failNext('GetTokensFromRefreshToken', 'InvalidParameterException', 'refresh refused');
      const forced = await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
      rememberSessionSecrets(forced);
      expect(forced.userPoolTokensResult.type).toBe('FAILURE');
      expect(suite.h.calls('GetCredentialsForIdentity')).toBe(sent + 1);
      expect(forced.awsCredentialsResult.type).toBe('SUCCESS');
      if (forced.awsCredentialsResult.type === 'SUCCESS' && before.awsCredentialsResult.type === 'SUCCESS')
        expect(forced.awsCredentialsResult.value.accessKeyId).not.toBe(
          before.awsCredentialsResult.value.accessKeyId,
        );
      // The stored session is kept: a plain fetch afterwards is signed in with tokens.
      const after = await suite.h.plugin.fetchAuthSession();
      expect(after.isSignedIn).toBe(true);
      expect(after.userPoolTokensResult.type).toBe('SUCCESS');
    } finally {
      suite.users.proxy.enableRotation(false);
    }
  });

  it('fails the credentials too when the refresh fails and the identity pool refuses them', async () => {
    suite.users.proxy.enableRotation(true);
    try {
      await suite.h.plugin.signIn(await suite.newUser(), PASSWORD);
      rememberSessionSecrets(await suite.h.plugin.fetchAuthSession());
      suite.users.proxy.failNext('GetTokensFromRefreshToken', 'InvalidParameterException', 'refresh refused');
      suite.h.emulator.injectFault({
        operation: 'GetCredentialsForIdentity',
        error: 'InvalidParameterException',
        times: 1,
      });
      const forced = await suite.h.plugin.fetchAuthSession({ forceRefresh: true });
      expect(forced.userPoolTokensResult.type).toBe('FAILURE');
      expect(forced.awsCredentialsResult.type).toBe('FAILURE');
    } finally {
      suite.users.proxy.enableRotation(false);
    }
  });
});
