import type { CognitoUserPoolConfig } from '@plugboard/core';
import { delivery, deliveredTo, meta, nameValues } from './sdkShapes.js';
import type { LoadedUserPoolSdk as Loaded, ClientMetadata as Metadata } from './sdkShapes.js';
import { secretHashParameter } from './secretHash.js';

type Attributes = Readonly<Record<string, string>>;

/*
 * The calls made for a username before any sign-in: sign-up and its code, and the password reset. Each is
 * the body of one SdkUserPoolService call and runs inside its `#call` (one error mapping, bounded transport).
 */

/** ClientId, Username, SecretHash and ClientMetadata of the calls made for a username. */
async function forUser(config: CognitoUserPoolConfig, username: string, clientMetadata: Metadata) {
  const { SECRET_HASH } = await secretHashParameter(config, username);
  return {
    ClientId: config.AppClientId,
    Username: username,
    ...(SECRET_HASH ? { SecretHash: SECRET_HASH } : {}),
    ...meta(clientMetadata),
  };
}

async function none(sent: Promise<unknown>): Promise<void> {
  await sent;
}

export async function signUp(
  { sdk, client }: Loaded,
  config: CognitoUserPoolConfig,
  username: string,
  password: string,
  attributes: Attributes,
  clientMetadata: Metadata,
) {
  const out = await client.send(
    new sdk.SignUpCommand({
      ...(await forUser(config, username, clientMetadata)),
      Password: password,
      UserAttributes: nameValues(attributes),
    }),
  );
  return {
    userConfirmed: out.UserConfirmed === true,
    ...(out.UserSub ? { userSub: out.UserSub } : {}),
    ...(out.CodeDeliveryDetails ? { codeDelivery: delivery(out.CodeDeliveryDetails) } : {}),
  };
}

export async function confirmSignUp(
  { sdk, client }: Loaded,
  config: CognitoUserPoolConfig,
  username: string,
  code: string,
  clientMetadata: Metadata,
) {
  return none(
    client.send(
      new sdk.ConfirmSignUpCommand({
        ...(await forUser(config, username, clientMetadata)),
        ConfirmationCode: code,
      }),
    ),
  );
}

export async function resendConfirmationCode(
  { sdk, client }: Loaded,
  config: CognitoUserPoolConfig,
  username: string,
  clientMetadata: Metadata,
) {
  return deliveredTo(
    await client.send(new sdk.ResendConfirmationCodeCommand(await forUser(config, username, clientMetadata))),
  );
}

export async function forgotPassword(
  { sdk, client }: Loaded,
  config: CognitoUserPoolConfig,
  username: string,
  clientMetadata: Metadata,
) {
  return deliveredTo(
    await client.send(new sdk.ForgotPasswordCommand(await forUser(config, username, clientMetadata))),
  );
}

export async function confirmForgotPassword(
  { sdk, client }: Loaded,
  config: CognitoUserPoolConfig,
  username: string,
  code: string,
  newPassword: string,
  clientMetadata: Metadata,
) {
  return none(
    client.send(
      new sdk.ConfirmForgotPasswordCommand({
        ...(await forUser(config, username, clientMetadata)),
        ConfirmationCode: code,
        Password: newPassword,
      }),
    ),
  );
}
