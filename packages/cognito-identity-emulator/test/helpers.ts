import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
  type StartCognitoIdentityEmulatorOptions,
} from '../src/index.js';

export const FACEBOOK = 'graph.facebook.com';
export const GOOGLE = 'accounts.google.com';
export const DEVELOPER = 'login.example.dev';

const running = new Set<CognitoIdentityEmulator>();

/** Starts an emulator on 127.0.0.1:0 that `stopAll()` stops after the test. */
export async function start(
  options: StartCognitoIdentityEmulatorOptions = {},
): Promise<CognitoIdentityEmulator> {
  const emu = await startCognitoIdentityEmulator({ host: '127.0.0.1', port: 0, ...options });
  running.add(emu);
  return emu;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((emu) => emu.stop()));
  running.clear();
}

export function clientFor(emu: CognitoIdentityEmulator): CognitoIdentityClient {
  return new CognitoIdentityClient({
    region: 'us-east-1',
    endpoint: emu.endpoint,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x'.repeat(40) },
    maxAttempts: 1,
  });
}

/** A pool trusting Facebook and Google through the test IdP, with a developer provider. */
export function standardPool(
  emu: CognitoIdentityEmulator,
  allowUnauthenticatedIdentities = false,
): Promise<string> {
  return emu.createIdentityPool({
    allowUnauthenticatedIdentities,
    supportedLoginProviders: { [FACEBOOK]: 'fb-app', [GOOGLE]: 'google-client' },
    developerProviderName: DEVELOPER,
  });
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A raw JSON 1.1 request (no SDK), optionally with a placeholder SigV4 Authorization header. */
export async function rawCall(
  emu: CognitoIdentityEmulator,
  operation: string | undefined,
  body: string,
  options: { signed?: boolean; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    ...options.headers,
  };
  if (operation !== undefined) headers['x-amz-target'] = `AWSCognitoIdentityService.${operation}`;
  if (options.signed) {
    headers.authorization =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/cognito-identity/aws4_request, SignedHeaders=host, Signature=abc';
  }
  const res = await fetch(emu.endpoint + '/', { method: 'POST', headers, body });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** Flips one character of the signature part of a JWT. */
export function forge(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const index = Math.floor(signature.length / 2);
  const flipped = signature[index] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, index)}${flipped}${signature.slice(index + 1)}`;
}
