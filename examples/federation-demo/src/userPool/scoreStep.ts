import { Amplify } from '@plugboard/core';
import { SCORES_TABLE } from '../game/gameBackend';
import { postScore, scoresClient } from '../game/scores';
import { shortKeyId } from '../output';
import type { Check, UserPoolScene } from './userPoolChapter';

/**
 * The signed-in user-pool user plays too: an SDK client whose credentials are `fromAmplifyAuth()` writes
 * their score, keyed by their identity id, and the signature verifies against the secret key Cognito
 * issued to that identity. Then the user signs out.
 */
export async function runScoreStep(scene: UserPoolScene, identityId: string): Promise<void> {
  const { out, plugin, dynamo, events } = scene;
  const check: Check = scene.check;
  out.step('The user-pool user posts a score to DynamoDB with fromAmplifyAuth() credentials, then signs out');
  const session = await plugin.fetchAuthSession();
  check(session.awsCredentialsResult.type === 'SUCCESS', 'the signed-in user has AWS credentials');
  const { accessKeyId } = session.awsCredentialsResult.value;
  const client = scoresClient(dynamo.endpoint);
  try {
    await postScore(client, identityId, 'alice (user pool)', 2000);
  } finally {
    client.destroy();
  }
  const write = dynamo.accepted.at(-1);
  check(
    write?.operation === 'PutItem' && write.accessKeyId === accessKeyId && write.identityId === identityId,
    "the write is signed with the user's federated credentials, keyed by their identity id",
  );
  out.ok(
    `PutItem into ${SCORES_TABLE} (score 2000) signed with ${shortKeyId(accessKeyId)}: the signature verified against the secret key Cognito issued to identity ${identityId}`,
  );
  await Amplify.Auth.signOut();
  check(events.at(-1)?.name === 'SIGNED_OUT', 'SIGNED_OUT is published');
  out.ok('signed out');
}
