/**
 * The game page: Plugboard's auth plugin with its default web storage (localStorage), identity-pool
 * federation with a test-IdP token, and DynamoDB (score) and S3 (profile) clients whose credentials
 * come from `fromAmplifyAuth()`. Bundled for the browser by esbuild (see ../server/buildPage.ts).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AmplifyException, Amplify, Hub, HubChannel } from '@plugboard/core';
import { AuthProvider, AWSCognitoAuthPlugin, fromAmplifyAuth } from '@plugboard/auth-cognito-plugin';
import { AWSS3StoragePlugin } from '@plugboard/storage-s3-plugin';
import { loadConfig, type GameConfig } from './config';
import { wirePasskeyPlayer } from './passkeyPlayer';
import { PlayerData, type Stored } from './playerData';

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

/** Federated with a test token, or signed in to the user pool (password or passkey). */
function setSignedIn(identityId: string | undefined, userPool = false): void {
  player = identityId;
  $('identity').textContent = identityId ?? '-';
  const out = identityId === undefined;
  for (const id of ['federate', 'password-sign-in', 'passkey-sign-in'])
    $<HTMLButtonElement>(id).disabled = !out;
  $<HTMLButtonElement>('save').disabled = out;
  $<HTMLButtonElement>('clear').disabled = out || userPool;
  $<HTMLButtonElement>('register-passkey').disabled = out || !userPool;
  $<HTMLButtonElement>('sign-out').disabled = out || !userPool;
}

function showStored({ score, profile }: Stored): void {
  $('stored').textContent = score ?? '-';
  $('profile').textContent = profile ? JSON.stringify(profile) : '-';
}

/**
 * Which identity pool this browser has played with. Only then does the page ask the plugin for the
 * stored session at load: the pool gives no guest access, so asking without one would only earn a
 * refused guest GetId (a 400 in the console) on every first visit.
 */
const PLAYED_KEY = 'browser-game.played-pool';

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
                AllowUnauthenticatedIdentities: false,
              },
            },
          },
          CognitoUserPool: {
            Default: {
              PoolId: config.userPool.poolId,
              AppClientId: config.userPool.clientId,
              Region: config.region,
              Endpoint: config.userPool.endpoint,
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
  const data = new PlayerData(dynamo, config);

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
      localStorage.setItem(PLAYED_KEY, config.identityPoolId);
      setSignedIn(identityId);
      setStatus('federated');
    })().catch(showError);
  });

  $('save').addEventListener('click', () => {
    void (async () => {
      setStatus('working', 'saving...');
      if (player === undefined) throw new Error('Play first: there is no identity to save a score for.');
      const score = $<HTMLInputElement>('score').value;
      const saved = await data.save(player, score);
      showStored(saved);
      $('replaced').textContent =
        saved.replaced === undefined ? 'first score saved' : `replaced the stored score ${saved.replaced}`;
      setStatus('saved');
    })().catch(showError);
  });

  $('clear').addEventListener('click', () => {
    void (async () => {
      await plugin.clearFederationToIdentityPool();
      localStorage.removeItem(PLAYED_KEY);
      setSignedIn(undefined);
      showStored({});
      $('replaced').textContent = '';
      setStatus('signed-out', 'signed out');
    })().catch(showError);
  });

  wirePasskeyPlayer(plugin, config, {
    $,
    setStatus,
    showError,
    async signedIn(identityId) {
      await reportKey();
      localStorage.setItem(PLAYED_KEY, config.identityPoolId);
      setSignedIn(identityId, true);
    },
    signedOut() {
      localStorage.removeItem(PLAYED_KEY);
      setSignedIn(undefined);
      showStored({});
      $('replaced').textContent = '';
    },
  });

  // A stored federated session comes back from localStorage without asking Cognito.
  const played = localStorage.getItem(PLAYED_KEY) === config.identityPoolId;
  const session = played ? await plugin.fetchAuthSession() : undefined;
  if (session?.identityIdResult.type === 'SUCCESS' && session.awsCredentialsResult.type === 'SUCCESS') {
    await reportKey();
    setSignedIn(session.identityIdResult.value, session.userPoolTokensResult.type === 'SUCCESS');
    showStored(await data.load(session.identityIdResult.value));
    setStatus('restored', 'session restored from localStorage');
  } else {
    if (!played) localStorage.removeItem(PLAYED_KEY); // another pool (a new demo run)
    setSignedIn(undefined);
    setStatus('signed-out', 'signed out');
  }
}

loadConfig().then(start).catch(showError);
