import { secretHashOf } from './frontInput.js';
import type { Signer } from './userAuth.js';
import { FrontFailure, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * The PASSWORD first factor of choice-based sign-in: a USER_PASSWORD_AUTH sign-in upstream under the
 * pool's own username, then completed (device step, MFA) by `answered` as any password sign-in.
 */
export function upstreamPasswordStep(
  upstream: Upstream,
  answered: (body: Json, answer: Json) => Promise<Json>,
): (p: Signer, password: string) => Promise<Json> {
  return async (p, password) => {
    const hash =
      p.secret === undefined ? {} : { SECRET_HASH: secretHashOf(p.secret, p.clientId, p.username) };
    const AuthParameters = { USERNAME: p.username, PASSWORD: password, ...hash };
    const body = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters };
    const answer = await upstream.must('InitiateAuth', body).catch((error: unknown) => {
      // cognito-local names a wrong password InvalidPasswordException; the service does not.
      if (error instanceof FrontFailure && error.type === 'InvalidPasswordException') {
        throw new FrontFailure('NotAuthorizedException', 'Incorrect username or password.');
      }
      throw error;
    });
    const withDevice = p.deviceKey ? { ...AuthParameters, DEVICE_KEY: p.deviceKey } : AuthParameters;
    return answered({ ...body, AuthParameters: withDevice }, answer);
  };
}
