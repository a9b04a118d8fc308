/**
 * The game page: Plugboard's auth plugin with its default web storage (localStorage), identity-pool
 * federation with a test-IdP token, a DynamoDB client (score) whose credentials come from
 * `fromAmplifyAuth()`, and the profile in S3 through `Amplify.Storage` (the S3 storage plugin, signed by
 * the same Auth category). Bundled for the browser by esbuild (see ../server/buildPage.ts).
 */
import { GetItemCommand, PutItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AmplifyException, Amplify, Hub, HubChannel } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin, fromAmplifyAuth } from '@plugboard/auth-cognito-plugin';
import { AWSS3StoragePlugin } from '@plugboard/storage-s3-plugin';
import { loadConfig, type GameConfig } from './config';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function setStatus(state: string, text = state): void {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

function showError(error: unknown): void {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const suggestion = error instanceof AmplifyException ? error.recoverySuggestion : '';
  $('error').dataset.errorName = name;
  $('error').textContent = `${name}: ${message}${suggestion ? ` (${suggestion})` : ''}`;
  setStatus('error', `error: ${name}`);
}

/** The signed-in player's Cognito identity id: the key of their item in the scores table. */
let player: string | undefined;

function setSignedIn(identityId: string | undefined): void {
  player = identityId;
  $('identity').textContent = identityId ?? '-';
  $<HTMLButtonElement>('federate').disabled = identityId !== undefined;
  $<HTMLButtonElement>('save').disabled = identityId === undefined;
  $<HTMLButtonElement>('clear').disabled = identityId === undefined;
}

/** Every auth event, shown as it arrives; event data never holds a token. */
Hub.subscribe(HubChannel.AUTH, (event) => {
  const item = document.createElement('li');
  item.dataset.event = event.name;
  item.textContent = event.data === undefined ? event.name : `${event.name} ${JSON.stringify(event.data)}`;
  $('events').append(item);
});

async function start(config: GameConfig): Promise<void> {
  const plugin = new AWSCognitoAuthPlugin(); // default storage in a browser: localStorage
  Amplify.addPlugin(plugin);
  Amplify.addPlugin(new AWSS3StoragePlugin());
  Amplify.configure({
    auth: {
      plugins: {
        awsCognitoAuthPlugin: {
          CredentialsProvider: {
            CognitoIdentity: {
              Default: {
                PoolId: config.identityPoolId,
                Region: config.region,
                Endpoint: config.cognitoEndpoint,
              },
            },
          },
        },
      },
    },
    storage: {
      plugins: {
        awsS3StoragePlugin: {
          bucket: config.profileBucket,
          region: config.region,
          Endpoint: config.s3Endpoint,
        },
      },
    },
  });
  const dynamo = new DynamoDBClient({
    region: config.region,
    endpoint: config.dynamoEndpoint,
    credentials: fromAmplifyAuth(),
    maxAttempts: 1,
  });

  const reportKey = async (): Promise<void> => {
    if (!config.devKeyReportUrl) return;
    const { accessKeyId, secretAccessKey, sessionToken } = await fromAmplifyAuth()();
    await fetch(config.devKeyReportUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeyId, secretAccessKey, sessionToken }),
    });
  };

  $('federate').addEventListener('click', () => {
    void (async () => {
      setStatus('working', 'federating...');
      const url = `${config.testIdpTokenUrl}?provider=${encodeURIComponent(config.providerName)}&sub=player-one`;
      const { token } = (await (await fetch(url)).json()) as { token: string };
      const { identityId } = await plugin.federateToIdentityPool(token, AuthProvider.facebook());
      await reportKey();
      setSignedIn(identityId);
      setStatus('federated');
    })().catch(showError);
  });

  $('save').addEventListener('click', () => {
    void (async () => {
      setStatus('working', 'saving...');
      if (player === undefined) throw new Error('Play first: there is no identity to save a score for.');
      const score = $<HTMLInputElement>('score').value;
      const Key = { identityId: { S: player } };
      await dynamo.send(
        new PutItemCommand({ TableName: config.tableName, Item: { ...Key, score: { N: score } } }),
      );
      const profile = { identityId: player, bestScore: Number(score), savedAt: new Date().toISOString() };
      await Amplify.Storage.uploadData({
        path: `players/${player}/profile.json`,
        data: JSON.stringify(profile),
        options: { contentType: 'application/json' },
      }).result;
      const read = await dynamo.send(
        new GetItemCommand({ TableName: config.tableName, Key, ConsistentRead: true }),
      );
      $('stored').textContent = read.Item?.score?.N ?? '-';
      setStatus('saved');
    })().catch(showError);
  });

  $('clear').addEventListener('click', () => {
    void (async () => {
      await plugin.clearFederationToIdentityPool();
      setSignedIn(undefined);
      $('stored').textContent = '-';
      setStatus('signed-out', 'signed out');
    })().catch(showError);
  });

  // A stored federated session comes back from localStorage without asking Cognito.
  const session = await plugin.fetchAuthSession();
  if (session.identityIdResult.type === 'SUCCESS' && session.awsCredentialsResult.type === 'SUCCESS') {
    await reportKey();
    setSignedIn(session.identityIdResult.value);
    setStatus('restored', 'session restored from localStorage');
  } else {
    setSignedIn(undefined);
    setStatus('signed-out', 'signed out');
  }
}

loadConfig().then(start).catch(showError);
