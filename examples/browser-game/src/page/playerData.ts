/**
 * The player's stored data: the score item in DynamoDB (keyed by the Cognito identity id) and the
 * profile object in S3 (`players/<identity id>/profile.json`, through `Amplify.Storage`, the S3 storage
 * plugin signed by the Auth category). Reads what is stored, so the page shows
 * it after a reload, and says what a save replaced.
 */
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Amplify } from '@plugboard/core';
import type { GameConfig } from './config';

export interface Profile {
  readonly identityId: string;
  readonly score: number;
  readonly savedAt: string;
}

export interface Stored {
  /** The stored score, when there is one. */
  readonly score?: string;
  /** The stored profile, when there is one. */
  readonly profile?: Profile;
}

export interface Saved extends Stored {
  /** The score this save replaced, when one was stored. */
  readonly replaced?: string;
}

export class PlayerData {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly config: GameConfig,
  ) {}

  private profileKey(player: string): string {
    return `players/${player}/profile.json`;
  }

  /** What is stored for `player`. The profile is only read when a score exists (both are saved together). */
  async load(player: string): Promise<Stored> {
    const read = await this.dynamo.send(
      new GetItemCommand({
        TableName: this.config.tableName,
        Key: { identityId: { S: player } },
        ConsistentRead: true,
      }),
    );
    const score = read.Item?.score?.N;
    if (score === undefined) return {};
    return { score, profile: await this.readProfile(player) };
  }

  /** Saves `score` and the profile, then reads both back. */
  async save(player: string, score: string): Promise<Saved> {
    const written = await this.dynamo.send(
      new PutItemCommand({
        TableName: this.config.tableName,
        Item: { identityId: { S: player }, score: { N: score } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const replaced = written.Attributes?.score?.N;
    const profile: Profile = { identityId: player, score: Number(score), savedAt: new Date().toISOString() };
    await Amplify.Storage.uploadData({
      path: this.profileKey(player),
      data: JSON.stringify(profile),
      options: { contentType: 'application/json' },
    }).result;
    const stored = await this.load(player);
    return { ...stored, ...(replaced === undefined ? {} : { replaced }) };
  }

  private async readProfile(player: string): Promise<Profile | undefined> {
    const { body } = await Amplify.Storage.downloadData({ path: this.profileKey(player) }).result;
    return (await body.json()) as Profile;
  }
}
