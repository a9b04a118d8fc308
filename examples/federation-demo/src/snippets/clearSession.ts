// Seed page, "Clear Session": forget the federated session (local only, no network call).
import { Amplify } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { consoleLog, type QuickstartLog } from './log';

/** Callback style, as on the seed page; `done` runs after either outcome. */
export function clearSession(log: QuickstartLog = consoleLog, done: () => void = () => {}): void {
  const plugin = Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
  if (plugin instanceof AWSCognitoAuthPlugin) {
    plugin.clearFederationToIdentityPool(
      () => {
        log.info('Federation cleared successfully.');
        done();
      },
      (error) => {
        log.error('Failed to clear federation.', error);
        done();
      },
    );
  }
}

/** Promise style. */
export async function clearSessionAsync(): Promise<void> {
  await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').clearFederationToIdentityPool();
}
