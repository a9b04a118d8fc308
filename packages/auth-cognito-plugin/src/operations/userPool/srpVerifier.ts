import { NotAuthorizedException } from '@plugboard/core';
import type { AuthStepResponse } from '../../clients/userPool/UserPoolCalls.js';
import type { SrpClient } from '../../srp/SrpClient.js';
import { requireUserPool, type PluginRuntime } from '../PluginRuntime.js';

/**
 * The ChallengeResponses answering a PASSWORD_VERIFIER challenge with the SRP proof of `password`
 * (USERNAME is the challenge's USER_ID_FOR_SRP). Refuses an incomplete or invalid challenge as NotAuthorized.
 */
export async function passwordVerifierResponses(
  runtime: PluginRuntime,
  srp: SrpClient,
  challengeParameters: AuthStepResponse['challengeParameters'],
  password: string,
): Promise<Record<string, string> & { USERNAME: string }> {
  const { SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP } = challengeParameters;
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
      { cause: error },
    );
  }
  return { USERNAME: USER_ID_FOR_SRP, ...answer };
}
