// The game's own code: what an app writes to keep scores in DynamoDB with the player's federated
// credentials. Nothing here knows about the demo.
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { fromAmplifyAuth } from '@plugboard/auth-cognito-plugin';
import { PARTITION_KEY, REGION, SCORES_TABLE } from './gameBackend';

/** A DynamoDB client that signs every request with the signed-in player's federated credentials. */
export function scoresClient(endpoint?: string): DynamoDBClient {
  return new DynamoDBClient({
    region: REGION,
    ...(endpoint ? { endpoint } : {}),
    credentials: fromAmplifyAuth(),
  });
}

/** Stores the player's score in the item keyed by their identity id (the only item they may write). */
export async function postScore(
  client: DynamoDBClient,
  identityId: string,
  player: string,
  score: number,
): Promise<void> {
  await client.send(
    new PutItemCommand({
      TableName: SCORES_TABLE,
      Item: {
        [PARTITION_KEY]: { S: identityId },
        player: { S: player },
        score: { N: String(score) },
      },
    }),
  );
}

export interface LeaderboardEntry {
  readonly player: string;
  readonly score: number;
  readonly identityId: string;
}

/** Every player's score, best first. */
export async function readLeaderboard(client: DynamoDBClient): Promise<LeaderboardEntry[]> {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: SCORES_TABLE }));
  return Items.map((item) => ({
    player: item.player?.S ?? '?',
    score: Number(item.score?.N ?? 0),
    identityId: item[PARTITION_KEY]?.S ?? '?',
  })).sort((a, b) => b.score - a.score);
}
