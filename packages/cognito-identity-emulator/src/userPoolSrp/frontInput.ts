import { createHmac, timingSafeEqual } from 'node:crypto';
import { FrontFailure, type Json } from './userPoolUpstream.js';

/**
 * What the SRP front checks before it acts on a request: a JSON object body, the members of the calls it
 * answers or inspects itself (types as the service model has them), and the app client's SECRET_HASH.
 * Every refusal is a 400 with the service's error name, never a 500.
 */

type Kind = 'string' | 'map' | 'object' | 'integer';

/** Members of the operations the front reads, `!` marking the required ones. */
const SHAPES: Record<string, Record<string, Kind>> = {
  InitiateAuth: {
    'AuthFlow!': 'string',
    'ClientId!': 'string',
    AuthParameters: 'map',
    ClientMetadata: 'map',
  },
  RespondToAuthChallenge: {
    'ClientId!': 'string',
    'ChallengeName!': 'string',
    Session: 'string',
    ChallengeResponses: 'map',
    ClientMetadata: 'map',
  },
  ConfirmDevice: {
    'AccessToken!': 'string',
    'DeviceKey!': 'string',
    DeviceSecretVerifierConfig: 'object',
    DeviceName: 'string',
  },
  GetDevice: { AccessToken: 'string', 'DeviceKey!': 'string' },
  ForgetDevice: { AccessToken: 'string', 'DeviceKey!': 'string' },
  UpdateDeviceStatus: { 'AccessToken!': 'string', 'DeviceKey!': 'string', DeviceRememberedStatus: 'string' },
  ListDevices: { 'AccessToken!': 'string', Limit: 'integer', PaginationToken: 'string' },
  GetTokensFromRefreshToken: { 'RefreshToken!': 'string', 'ClientId!': 'string', DeviceKey: 'string' },
  StartWebAuthnRegistration: { 'AccessToken!': 'string' },
  CompleteWebAuthnRegistration: { 'AccessToken!': 'string' },
  ListWebAuthnCredentials: { 'AccessToken!': 'string', NextToken: 'string', MaxResults: 'integer' },
  DeleteWebAuthnCredential: { 'AccessToken!': 'string', 'CredentialId!': 'string' },
  SetUserMFAPreference: { 'AccessToken!': 'string', EmailMfaSettings: 'object' },
  AssociateSoftwareToken: { AccessToken: 'string', Session: 'string' },
  VerifySoftwareToken: { AccessToken: 'string', Session: 'string', 'UserCode!': 'string' },
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fits = (kind: Kind, value: unknown): boolean => {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'integer') return Number.isInteger(value);
  if (kind === 'object') return isObject(value);
  // A map of strings; a null value stands for a member left out (clients send DEVICE_KEY: null).
  return isObject(value) && Object.values(value).every((v) => typeof v === 'string' || v === null);
};

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/** The request body as a JSON object; anything else is a SerializationException. */
export function readBody(raw: string): Json {
  let body: unknown;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    throw new FrontFailure('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isObject(body))
    throw new FrontFailure('SerializationException', 'The request body must be a JSON object.');
  return body;
}

/**
 * Checks the members of an operation the front reads: a member of the wrong JSON type is a
 * SerializationException, a missing required one an InvalidParameterException in the service's form.
 * Null members of maps are dropped, as the service ignores them.
 */
export function checkShape(operation: string, body: Json): void {
  const shape = SHAPES[operation];
  if (!shape) return;
  const missing: string[] = [];
  for (const [key, kind] of Object.entries(shape)) {
    const name = key.replace('!', '');
    const value = body[name];
    if (value === undefined || value === null) {
      if (key.endsWith('!')) missing.push(name);
      continue;
    }
    if (!fits(kind, value)) {
      throw new FrontFailure(
        'SerializationException',
        `${name} must be a JSON ${kind === 'map' ? 'object of strings' : kind}.`,
      );
    }
    if (kind === 'map') {
      body[name] = Object.fromEntries(Object.entries(value as Json).filter(([, v]) => v !== null));
    }
  }
  if (missing.length > 0) {
    const list = missing.map(
      (m) => `Value null at '${lowerFirst(m)}' failed to satisfy constraint: Member must not be null`,
    );
    throw new FrontFailure(
      'InvalidParameterException',
      `${missing.length} validation error${missing.length > 1 ? 's' : ''} detected: ${list.join('; ')}`,
    );
  }
}

/** The parameters a challenge answer must carry, as InvalidParameterException when one is missing. */
export function requireParameters(params: Readonly<Record<string, string>>, names: readonly string[]): void {
  for (const name of names) {
    if (typeof params[name] !== 'string' || params[name] === '') {
      throw new FrontFailure('InvalidParameterException', `Missing required parameter ${name}`);
    }
  }
}

/**
 * The SECRET_HASH rule of an app client with a secret: Base64(HMAC-SHA256(secret, username + clientId)),
 * where `username` is what the call names: the typed name (an alias is fine) at InitiateAuth, the
 * pool's own username (ChallengeParameters USERNAME / USER_ID_FOR_SRP) in every challenge answer.
 */
export function checkSecretHash(
  secret: string | undefined,
  clientId: string,
  username: string,
  given: string | undefined,
): void {
  if (secret === undefined) return;
  if (given === undefined) {
    throw new FrontFailure(
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    );
  }
  const expected = Buffer.from(secretHashOf(secret, clientId, username), 'base64');
  const provided = Buffer.from(given, 'base64');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    throw new FrontFailure('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`);
  }
}

/** Base64(HMAC-SHA256(secret, username + clientId)). */
export function secretHashOf(secret: string, clientId: string, username: string): string {
  return createHmac('sha256', secret).update(`${username}${clientId}`).digest('base64');
}
