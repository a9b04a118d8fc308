import { NotAuthorizedException } from '@plugboard/core';
import type {
  AuthStepResponse,
  ClientMetadata,
  UserPoolCalls,
} from '../../../clients/userPool/UserPoolCalls.js';
import type { SrpClient } from '../../../srp/SrpClient.js';
import { requireUserPool, type PluginRuntime } from '../../PluginRuntime.js';

/** Answers a PASSWORD_VERIFIER challenge (USER_AUTH with PASSWORD_SRP) with the SRP proof of `password`. */
export async function answerPasswordVerifier(
  runtime: PluginRuntime,
  calls: UserPoolCalls,
  srp: SrpClient,
  first: AuthStepResponse,
  password: string,
  clientMetadata: ClientMetadata,
): Promise<AuthStepResponse> {
  if (first.challengeName !== 'PASSWORD_VERIFIER') return first;
  const { SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP } = first.challengeParameters;
  if (!SALT || !SRP_B || !SECRET_BLOCK || !USER_ID_FOR_SRP) {
    throw new NotAuthorizedException(
      'The user pool sent an incomplete SRP challenge.',
      'Try again; check the pool endpoint.',
    );
  }
  const poolId = requireUserPool(runtime).providerName.split('/').pop() ?? '';
  let answer;
  try {
    answer = await srp.answer(
      poolId,
      { SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP },
      password,
      new Date(runtime.now()),
    );
  } catch (error) {
    throw new NotAuthorizedException(
      'The user pool sent an invalid SRP challenge.',
      'Try again; check the pool endpoint.',
      {
        cause: error,
      },
    );
  }
  return calls.respondToAuthChallenge(
    'PASSWORD_VERIFIER',
    { USERNAME: USER_ID_FOR_SRP, ...answer },
    first.session,
    clientMetadata,
  );
}
