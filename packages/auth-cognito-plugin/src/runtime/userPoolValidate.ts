import { validatePreferredChallenge } from '../operations/userPool/passwordless/validatePasswordless.js';
import {
  InvalidParameterException,
  type AuthFlowType,
  type AuthSignUpOptions,
  type AuthUserAttribute,
} from '@plugboard/core';
import type { SignInInput } from '../operations/userPool/startSignIn.js';
import type { MFAPreference } from '../operations/userPool/mfaPreference.js';
import { describe } from '../model/validate.js';

/** Input checks of the user-pool API. Values never appear in messages, only their kind and length. */

function invalid(message: string, recovery: string): never {
  throw new InvalidParameterException(message, recovery);
}

function kind(value: unknown): string {
  return typeof value === 'string'
    ? `a string of ${value.length} characters`
    : value === null
      ? 'null'
      : `a ${typeof value}`;
}

export function validateUsername(username: unknown): string {
  if (typeof username !== 'string' || username.trim() === '' || username.length > 128) {
    invalid(
      `The username must be a string of 1 to 128 characters, got ${kind(username)}.`,
      'Pass the username (or the e-mail address the pool accepts as username).',
    );
  }
  return username;
}

/** A confirmation, MFA or challenge code/answer. */
export function validateCode(code: unknown, what: string): string {
  if (typeof code !== 'string' || code.trim() === '' || code.length > 2048) {
    invalid(
      `${what} must be a non-empty string, got ${kind(code)}.`,
      `Pass ${what.toLowerCase()} as the user entered it.`,
    );
  }
  return code;
}

function plainObject(value: unknown, what: string, keys: readonly string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(`${what} must be an object, got ${kind(value)}.`, `Pass { ${keys.join(', ')} } or nothing.`);
  }
  const unknown = Object.keys(value).filter((k) => !keys.includes(k));
  if (unknown.length > 0)
    invalid(`Unknown ${what.toLowerCase()}: ${unknown.join(', ')}.`, `The options are ${keys.join(', ')}.`);
  return value as Record<string, unknown>;
}

const FLOWS: readonly AuthFlowType[] = [
  'USER_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'CUSTOM_AUTH_WITH_SRP',
  'CUSTOM_AUTH_WITHOUT_SRP',
  'USER_AUTH',
];

export function validateSignInInput(username: unknown, password: unknown, options: unknown): SignInInput {
  const {
    authFlowType = 'USER_SRP_AUTH',
    clientMetadata,
    preferredChallenge,
  } = plainObject(options, 'Sign-in options', ['authFlowType', 'clientMetadata', 'preferredChallenge']);
  if (!FLOWS.includes(authFlowType as AuthFlowType)) {
    invalid(
      `authFlowType ${JSON.stringify(String(authFlowType)).slice(0, 40)} is not supported.`,
      `Use one of ${FLOWS.join(', ')}, or leave it out for USER_SRP_AUTH.`,
    );
  }
  const flow = authFlowType as AuthFlowType;
  const withoutPassword =
    (flow === 'CUSTOM_AUTH_WITHOUT_SRP' || flow === 'USER_AUTH') && password === undefined;
  return {
    username: validateUsername(username),
    password: withoutPassword ? undefined : validatePassword(password, 'The password'),
    authFlowType: flow,
    clientMetadata: validateStringRecord(clientMetadata, 'clientMetadata'),
    ...validatePreferredChallenge(flow, preferredChallenge, password),
  };
}

export function validateSignUpOptions(options: unknown): AuthSignUpOptions {
  const { userAttributes, clientMetadata, autoSignIn } = plainObject(options, 'Sign-up options', [
    'userAttributes',
    'clientMetadata',
    'autoSignIn',
  ]);
  if (autoSignIn !== undefined && typeof autoSignIn !== 'boolean')
    invalid(
      `autoSignIn must be a boolean, got ${kind(autoSignIn)}.`,
      'Pass { autoSignIn: true } or leave it out.',
    );
  const attributes = validateStringRecord(userAttributes, 'userAttributes');
  const metadata = validateStringRecord(clientMetadata, 'clientMetadata');
  return {
    ...(attributes ? { userAttributes: attributes } : {}),
    ...(metadata ? { clientMetadata: metadata } : {}),
    ...(autoSignIn ? { autoSignIn } : {}),
  };
}

export function validateAttributeKey(key: unknown): string {
  if (typeof key !== 'string' || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,32}$/u.test(key)) {
    invalid(
      `An attribute key must be a name of 1 to 32 characters, got ${kind(key)}.`,
      "Use a name such as 'email' or 'custom:team'.",
    );
  }
  return key;
}

export function validateAttributes(attributes: unknown): AuthUserAttribute[] {
  if (!Array.isArray(attributes) || attributes.length === 0) {
    invalid(
      'The attributes must be a non-empty array of { key, value }.',
      "Pass [{ key: 'email', value: '...' }].",
    );
  }
  return attributes.map((a: unknown) => {
    const { key, value } = (a ?? {}) as { key?: unknown; value?: unknown };
    if (typeof value !== 'string' || value.length > 2048)
      invalid(
        `The value of an attribute must be a string, got ${kind(value)}.`,
        'Pass attribute values as strings.',
      );
    return { key: validateAttributeKey(key), value };
  });
}

const PREFERENCES: readonly MFAPreference[] = ['ENABLED', 'DISABLED', 'PREFERRED', 'NOT_PREFERRED'];

export function validateMfaPreference(value: unknown, name: string): MFAPreference | undefined {
  if (value === undefined) return undefined;
  if (!PREFERENCES.includes(value as MFAPreference))
    invalid(
      `${name} must be one of ${PREFERENCES.join(', ')}.`,
      `Pass ${name} as one of those, or undefined to leave it.`,
    );
  return value as MFAPreference;
}

export function validatePassword(password: unknown, what: string): string {
  if (typeof password !== 'string' || password === '' || password.length > 256) {
    invalid(
      `${what} must be a string of 1 to 256 characters, got ${typeof password === 'string' ? `${password.length} characters` : describe(password)}.`,
      'Pass the password the user typed.',
    );
  }
  return password;
}

/** An optional record of string values, e.g. client metadata or user attributes. */
export function validateStringRecord(
  value: unknown,
  name: string,
): Readonly<Record<string, string>> | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    !Object.values(value).every((v) => typeof v === 'string')
  ) {
    invalid(`${name} must be an object of string values.`, `Pass ${name} as { key: 'value' }.`);
  }
  return { ...(value as Record<string, string>) };
}
