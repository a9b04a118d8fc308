// Seed page, "Retrieve Session": after federating, fetchAuthSession gives the identity id and credentials.
import { Amplify } from '@plugboard/core';
import type { AWSCognitoAuthSession } from '@plugboard/auth-cognito-plugin';
import { consoleLog, type QuickstartLog } from './log';

export async function retrieveSession(log: QuickstartLog = consoleLog): Promise<AWSCognitoAuthSession> {
  const session = await Amplify.Auth.getPlugin('awsCognitoAuthPlugin').fetchAuthSession();
  log.info(`Signed in: ${session.isSignedIn}`);
  if (session.identityIdResult.type === 'SUCCESS') {
    log.info(`Identity id: ${session.identityIdResult.value}`);
  }
  const credentials = session.awsCredentialsResult;
  if (credentials.type === 'SUCCESS') {
    // Printing the credentials object masks its secret key and session token.
    log.info(`AWS credentials valid until ${credentials.value.expiration.toISOString()}`);
  } else {
    log.error('No AWS credentials.', credentials.error);
  }
  return session;
}
