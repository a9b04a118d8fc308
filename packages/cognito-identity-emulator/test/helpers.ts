import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  DEFAULT_CONTROL_PLANE_CREDENTIALS,
  startCognitoIdentityEmulator,
  type CognitoIdentityEmulator,
  type StartCognitoIdentityEmulatorOptions,
} from '../src/index.js';

const bytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** The checksum the signer wants, from node:crypto. */
export class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

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
    credentials: { ...DEFAULT_CONTROL_PLANE_CREDENTIALS },
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

/** A raw JSON 1.1 request (no SDK), optionally SigV4-signed (by default with the emulator's default key). */
export async function rawCall(
  emu: CognitoIdentityEmulator,
  operation: string | undefined,
  body: string,
  options: {
    signed?: boolean;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    region?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  let headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    ...options.headers,
  };
  if (operation !== undefined) headers['x-amz-target'] = `AWSCognitoIdentityService.${operation}`;
  if (options.signed) {
    const url = new URL(emu.endpoint);
    const signer = new SignatureV4({
      credentials: options.credentials ?? DEFAULT_CONTROL_PLANE_CREDENTIALS,
      region: options.region ?? emu.region,
      service: 'cognito-identity',
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { ...headers, host: url.host },
      body,
    });
    const { host: _host, ...rest } = signed.headers;
    headers = rest;
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
