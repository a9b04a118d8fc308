import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Amplify, SignedOutException } from '@plugboard/core';
import {
  AuthProvider,
  AWSCognitoAuthPlugin,
  type FederateToIdentityPoolResult,
} from '@plugboard/auth-cognito-plugin';
import type { Backend } from '../backend';
import { describeError, describeExpiry, shortKeyId, type Output } from '../output';
import {
  CREDENTIALS_LIFETIME_SECONDS,
  PARTITION_KEY,
  REGION,
  SCORES_TABLE,
  startGameBackend,
  type GameBackend,
} from './gameBackend';
import { postScore, readLeaderboard, scoresClient } from './scores';

type Check = (condition: unknown, what: string) => asserts condition;

const MINUTE = 60_000;

/** The error a promise rejects with; undefined when it resolves. */
const failureOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/**
 * The seed page's purpose, played out: a game whose players federate, then keep their scores in DynamoDB
 * with a real AWS SDK client signing every request with their federated credentials.
 */
export async function runGameChapter(backend: Backend, out: Output, check: Check): Promise<void> {
  out.step('The game: players federate and keep their scores in DynamoDB');
  if (!backend.advanceClock) {
    out.skip('the game needs the local identity pool and DynamoDB; run `npm run demo` without options');
    return;
  }
  const advance = backend.advanceClock;
  const game = await startGameBackend(backend.now);
  try {
    await play(game, backend.now, advance, out, check);
  } finally {
    await Amplify.reset();
    await game.stop();
  }
}

async function play(
  game: GameBackend,
  now: () => number,
  advance: (ms: number) => void,
  out: Output,
  check: Check,
): Promise<void> {
  out.line(
    `the game's identity pool ${game.poolId}: credentials live ${CREDENTIALS_LIFETIME_SECONDS / 60} min, no guest access`,
  );
  out.line(`DynamoDB (dynalite, in this process) at ${game.dynamo.endpoint}, table ${SCORES_TABLE}`);
  out.line(
    `each item's partition key ${PARTITION_KEY} is the player's Cognito identity id: the identity-pool`,
  );
  out.line(
    'fine-grained access pattern, where a player may write only the item keyed by their own identity id',
  );
  out.line(
    "DynamoDB checks every request's SigV4 signature against the secret key Cognito issued for its access key",
  );
  await Amplify.reset();
  Amplify.addPlugin(new AWSCognitoAuthPlugin({ clock: now }));
  Amplify.configure(game.config);
  const plugin = (): AWSCognitoAuthPlugin => Amplify.Auth.getPlugin('awsCognitoAuthPlugin');
  const federate = async (player: string): Promise<FederateToIdentityPoolResult> =>
    plugin().federateToIdentityPool(await game.token(player), AuthProvider.facebook());

  const ids = new Map<string, string>();
  for (const [player, score] of [
    ['bob', 1200],
    ['carol', 900],
  ] as const) {
    const { identityId } = await federate(player);
    const client = scoresClient(game.dynamo.endpoint);
    await postScore(client, identityId, player, score);
    client.destroy();
    await plugin().clearFederationToIdentityPool();
    ids.set(player, identityId);
    out.ok(`${player} federated (identity ${identityId}), posted ${score}, then cleared the session`);
  }

  out.step('alice federates and posts her score with an SDK client whose credentials are fromAmplifyAuth()');
  out.line('   const client = new DynamoDBClient({');
  out.line(`     region: '${REGION}',`);
  out.line('     endpoint, // only for the local DynamoDB; leave it out on AWS');
  out.line('     credentials: fromAmplifyAuth(), // the signed-in player, refreshed as needed');
  out.line('   });');
  const alice = await federate('alice');
  out.ok(
    `alice federated: identity ${alice.identityId}, credentials ${shortKeyId(alice.credentials.accessKeyId)}, expire ${describeExpiry(alice.credentials.expiration, now())}`,
  );
  const client = scoresClient(game.dynamo.endpoint);
  await postScore(client, alice.identityId, 'alice', 1500);
  const write = game.dynamo.accepted.at(-1);
  check(
    write?.operation === 'PutItem' &&
      write.accessKeyId === alice.credentials.accessKeyId &&
      write.identityId === alice.identityId,
    "the write is signed with alice's federated credentials",
  );
  out.ok(
    `PutItem (score 1500) signed with ${shortKeyId(write.accessKeyId)}: the signature verified against the secret key Cognito issued to alice's identity`,
  );
  const denied = await failureOf(postScore(client, ids.get('bob')!, 'alice', 99_999));
  check(
    denied instanceof Error && denied.name === 'AccessDeniedException',
    `writing bob's item is refused, got ${describeError(denied)}`,
  );
  out.expectedFailure(
    `overwriting bob's score: ${describeError(denied)}`,
    "bob's item is keyed by bob's identity id; alice's credentials may write only her own",
  );

  out.step('The credentials expire: the same long-lived SDK client keeps working');
  advance(alice.credentials.expiration.getTime() - now() + MINUTE);
  out.line(
    `clock moved forward ${CREDENTIALS_LIFETIME_SECONDS / 60 + 1} min: the credentials alice got when she federated have expired`,
  );
  const mark = game.mark();
  await postScore(client, alice.identityId, 'alice', 1750);
  const requests = game.requestsSince(mark);
  const rewrite = game.dynamo.accepted.at(-1)!;
  check(requests.join() === 'GetCredentialsForIdentity', `one refresh request, got ${requests.join(', ')}`);
  check(
    rewrite.operation === 'PutItem' && rewrite.accessKeyId !== alice.credentials.accessKeyId,
    'the write used new credentials',
  );
  out.ok(
    `PutItem (score 1750) signed with new credentials ${shortKeyId(rewrite.accessKeyId)}: the SDK asked fromAmplifyAuth(), the plugin refreshed`,
  );
  out.line(`requests to Cognito: ${requests.join(', ')}`);
  const aliceNow = await plugin().fetchAuthSession();
  const current =
    aliceNow.awsCredentialsResult.type === 'SUCCESS' ? aliceNow.awsCredentialsResult.value : undefined;
  check(current?.accessKeyId === rewrite.accessKeyId, 'the plugin and the SDK hold the same credentials');
  // alice's first credentials, exactly as federateToIdentityPool returned them, as static credentials.
  const stale = new DynamoDBClient({
    region: REGION,
    endpoint: game.dynamo.endpoint,
    credentials: alice.credentials,
  });
  const expiredResult = await failureOf(postScore(stale, alice.identityId, 'alice', 1));
  stale.destroy();
  check(
    expiredResult instanceof Error && expiredResult.name === 'ExpiredTokenException',
    `expired credentials are refused, got ${describeError(expiredResult)}`,
  );
  out.expectedFailure(
    `a client given alice's first credentials as static credentials: ${describeError(expiredResult)}`,
    'they have expired; static credentials never refresh, fromAmplifyAuth() does',
  );

  out.step('clearFederationToIdentityPool: the player can no longer sign requests');
  await plugin().clearFederationToIdentityPool();
  const accepted = game.dynamo.accepted.length;
  const fresh = scoresClient(game.dynamo.endpoint);
  const cleared = await failureOf(readLeaderboard(fresh));
  fresh.destroy();
  check(
    cleared instanceof SignedOutException,
    `SignedOutException after the clear, got ${describeError(cleared)}`,
  );
  out.expectedFailure(
    `a new client after the clear: ${describeError(cleared)}`,
    'nobody is signed in and this pool gives no guest credentials, so there is nothing to sign with',
  );
  out.line(`recovery: ${cleared.recoverySuggestion}`);
  advance((current?.expiration.getTime() ?? now()) - now() - 1 * MINUTE);
  out.line('the long-lived client still holds the credentials the SDK cached, and the SDK asks its provider');
  out.line('again only when the plugin would refresh them, 2 min before they expire (so create a new');
  out.line('client when the user changes); clock moved forward: they expire in 1 min');
  const late = await failureOf(postScore(client, alice.identityId, 'alice', 2000));
  client.destroy();
  check(
    late instanceof SignedOutException,
    `the long-lived client is refused too, got ${describeError(late)}`,
  );
  check(game.dynamo.accepted.length === accepted, 'no request was signed after the clear');
  out.expectedFailure(
    `the long-lived client: ${describeError(late)}`,
    'same reason: the session was cleared',
  );

  out.step('The leaderboard: bob comes back and reads it');
  const bob = await federate('bob');
  check(bob.identityId === ids.get('bob'), 'bob keeps his identity id');
  const reader = scoresClient(game.dynamo.endpoint);
  const board = await readLeaderboard(reader);
  reader.destroy();
  await plugin().clearFederationToIdentityPool();
  check(
    board.map((e) => `${e.player}:${e.score}`).join() === 'alice:1750,bob:1200,carol:900',
    `the leaderboard holds every score, got ${JSON.stringify(board.map((e) => [e.player, e.score]))}`,
  );
  board.forEach((entry, i) =>
    out.line(
      `#${i + 1}  ${entry.player.padEnd(6)} ${String(entry.score).padStart(5)}  (item ${PARTITION_KEY} ${entry.identityId})`,
    ),
  );
  const signers = new Set(game.dynamo.accepted.map((c) => c.accessKeyId)).size;
  out.ok(
    `leaderboard written and read with federated credentials only: ${game.dynamo.accepted.length} signed requests verified (${signers} different keys), ${game.dynamo.rejected.length} refused`,
  );
}
