import { randomInt } from 'node:crypto';
import {
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify, type AuthHubEvent } from '@plugboard/core';
import { AWSCognitoAuthPlugin } from '@plugboard/auth-cognito-plugin';
import { startUserPoolSrpFront, type CodeDelivery } from '@plugboard/cognito-identity-emulator';
import type { Backend } from '../backend';
import { createScoresTable, PARTITION_KEY } from '../game/gameBackend';
import { startCredentialsTap, type CredentialsTap } from '../game/credentialsTap';
import { startSignedDynamoDB, type SignedDynamoDB } from '../game/signedDynamoDB';
import { startUserPoolEmulator } from '../localUserPool';
import type { Output } from '../output';
import { runEmailCodeStep } from './emailCodeStep';
import { runScoreStep } from './scoreStep';
import { runSignUpStep } from './signUpStep';
import { runSrpSignInStep } from './srpSignInStep';
import { runTotpStep } from './totpStep';

export type Check = (condition: unknown, what: string) => asserts condition;

/** What the chapter's steps share: the app's plugin, the pool's user and the one-time code of the pool. */
export interface UserPoolScene {
  readonly plugin: AWSCognitoAuthPlugin;
  readonly out: Output;
  readonly check: Check;
  readonly events: readonly AuthHubEvent[];
  readonly backend: Backend;
  /** Operations the user pool received since `mark` (`InitiateAuth:USER_SRP_AUTH`, ...). */
  readonly userPoolRequests: (mark: number) => string[];
  readonly userPoolMark: () => number;
  readonly username: string;
  readonly password: string;
  /** The code the local pool "sends" by e-mail: it was started with this one fixed code. */
  readonly mailedCode: string;
  /** The one-time sign-in codes the SRP front sent (passwordless), oldest first. */
  readonly mailbox: readonly (CodeDelivery & { readonly code: string })[];
  /** A DynamoDB with the game's table that checks each signature against the credentials Cognito issued. */
  readonly dynamo: SignedDynamoDB;
}

const DEMO_USER = 'alice@example.com';
const DEMO_PASSWORD = 'Demo-Passw0rd!';

/**
 * The user-pool chapter: a user signs up, confirms, signs in with SRP (the default flow), adds TOTP MFA
 * and signs in again with a code from an authenticator; each sign-in federates into the identity pool by
 * itself, and the federated credentials sign a DynamoDB write. Last, a passwordless sign-in with a code
 * sent by e-mail. The pool is cognito-local (a child
 * process) behind the emulator package's SRP front.
 */
export async function runUserPoolChapter(
  backend: Backend,
  out: Output,
  events: readonly AuthHubEvent[],
  check: Check,
): Promise<void> {
  out.step('A user pool: sign up and confirm with the code the pool sent');
  if (!backend.trustUserPool) {
    out.skip('the user-pool chapter needs the local emulators; it is skipped against a real identity pool');
    return;
  }
  // The authenticator app of the TOTP step and the user pool both run on the real time.
  backend.resetClock?.();
  const mailedCode = String(randomInt(100_000, 1_000_000));
  const local = await startUserPoolEmulator({ code: mailedCode });
  const mailbox: (CodeDelivery & { code: string })[] = [];
  let front;
  let tap: CredentialsTap | undefined;
  let dynamo: SignedDynamoDB | undefined;
  try {
    front = await startUserPoolSrpFront({
      upstream: local.endpoint,
      // Choice-based sign-in (USER_AUTH): the front sends the one-time codes, here into the demo's mailbox.
      passwordless: {
        oneTimeCode: (delivery) => {
          const code = String(randomInt(100_000, 1_000_000));
          mailbox.push({ ...delivery, code });
          return code;
        },
      },
    });
    tap = await startCredentialsTap(backend.identityEndpoint!);
    dynamo = await startSignedDynamoDB({
      lookup: tap.lookup,
      now: backend.now,
      ownPartitionKey: PARTITION_KEY,
    });
    await createScoresTable(dynamo.dynaliteEndpoint);
    const { poolId, clientId } = await local.createPool();
    await local.admin.send(
      new UpdateUserPoolCommand({ UserPoolId: poolId, AutoVerifiedAttributes: ['email'] }),
    );
    await local.admin.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const config = await backend.trustUserPool(
      { poolId, clientId, endpoint: front.endpoint, issuerDomain: local.issuerDomain },
      tap.endpoint,
    );
    out.line(`local user pool ${poolId}: cognito-local at ${local.endpoint} (a child process),`);
    out.line(`behind an SRP front at ${front.endpoint}; the identity pool trusts the pool's id tokens`);
    await Amplify.reset();
    const plugin = new AWSCognitoAuthPlugin({ clock: backend.now });
    Amplify.addPlugin(plugin);
    Amplify.configure(config);
    const received = front.received;
    const scene: UserPoolScene = {
      plugin,
      out,
      check,
      events,
      backend,
      userPoolRequests: (mark) => received.slice(mark),
      userPoolMark: () => received.length,
      username: DEMO_USER,
      password: DEMO_PASSWORD,
      mailedCode,
      mailbox,
      dynamo,
    };
    await runSignUpStep(scene);
    const identityId = await runSrpSignInStep(scene);
    await runTotpStep(scene, identityId);
    await runScoreStep(scene, identityId);
    await runEmailCodeStep(scene, identityId);
  } finally {
    await Amplify.reset();
    await dynamo?.stop();
    await tap?.stop();
    await front?.stop();
    await local.stop();
  }
}
