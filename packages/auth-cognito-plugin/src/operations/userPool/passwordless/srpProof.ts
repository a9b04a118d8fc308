import type {
  AuthStepResponse,
  ClientMetadata,
  UserPoolCalls,
} from '../../../clients/userPool/UserPoolCalls.js';
import type { SrpClient } from '../../../srp/SrpClient.js';
import type { PluginRuntime } from '../../PluginRuntime.js';
import { passwordVerifierResponses } from '../srpVerifier.js';

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
  const responses = await passwordVerifierResponses(runtime, srp, first.challengeParameters, password);
  return calls.respondToAuthChallenge('PASSWORD_VERIFIER', responses, first.session, clientMetadata);
}
