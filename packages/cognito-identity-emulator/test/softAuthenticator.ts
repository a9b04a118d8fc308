import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/**
 * A software passkey authenticator for the wire tests, written here from the WebAuthn format (not from
 * the front's code): an ES256 key, authenticatorData and clientDataJSON built by hand, `none` attestation
 * in a small CBOR map, and assertions signed over authenticatorData | SHA-256(clientDataJSON).
 */

const b64url = (bytes: Buffer): string => bytes.toString('base64url');
const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();

/** Minimal CBOR: the few shapes a `none` attestation object and an EC2 COSE key need. */
function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 256) return Buffer.from([(major << 5) | 24, length]);
  return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
}
const cborBytes = (b: Buffer): Buffer => Buffer.concat([cborHead(2, b.length), b]);
const cborText = (t: string): Buffer => Buffer.concat([cborHead(3, Buffer.byteLength(t)), Buffer.from(t)]);
const cborInt = (n: number): Buffer => (n >= 0 ? cborHead(0, n) : cborHead(1, -1 - n));

/** The members of the WebAuthn options JSON the authenticator reads. */
export interface CreationOptions {
  readonly challenge: string;
  readonly rp: { readonly id?: string };
  readonly user: { readonly id: string };
}
export interface RequestOptions {
  readonly challenge: string;
  readonly rpId?: string;
}

export interface CeremonyOptions {
  /** The origin the "browser" reports in clientDataJSON. */
  origin: string;
  /** The relying party id the authenticator hashes (default: the one in the options). */
  rpId?: string;
}

export class SoftAuthenticator {
  readonly credentialId = randomBytes(16);
  readonly #key: KeyObject;
  readonly #publicJwk: { x: string; y: string };
  #counter = 0;
  #userHandle = Buffer.alloc(0);

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = privateKey;
    this.#publicJwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  #clientData(type: string, challenge: string, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** navigator.credentials.create: the RegistrationResponseJSON for CredentialCreationOptions. */
  create(options: CreationOptions, { origin, rpId }: CeremonyOptions): Record<string, unknown> {
    this.#userHandle = Buffer.from(String(options.user.id), 'base64url');
    const cose = Buffer.concat([
      cborHead(5, 5),
      cborInt(1),
      cborInt(2), // kty: EC2
      cborInt(3),
      cborInt(-7), // alg: ES256
      cborInt(-1),
      cborInt(1), // crv: P-256
      cborInt(-2),
      cborBytes(Buffer.from(this.#publicJwk.x, 'base64url')),
      cborInt(-3),
      cborBytes(Buffer.from(this.#publicJwk.y, 'base64url')),
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId ?? String(options.rp.id)),
      Buffer.from([0x01 | 0x04 | 0x40]), // user present, user verified, attested credential data
      Buffer.alloc(4), // sign count 0
      Buffer.alloc(16), // AAGUID
      idLength,
      this.credentialId,
      cose,
    ]);
    const attestation = Buffer.concat([
      cborHead(5, 3),
      cborText('fmt'),
      cborText('none'),
      cborText('attStmt'),
      cborHead(5, 0),
      cborText('authData'),
      cborBytes(authData),
    ]);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(this.#clientData('webauthn.create', String(options.challenge), origin)),
        attestationObject: b64url(attestation),
        transports: ['internal'],
      },
    };
  }

  /** navigator.credentials.get: the AuthenticationResponseJSON for CredentialRequestOptions. */
  get(options: RequestOptions, { origin, rpId }: CeremonyOptions): Record<string, unknown> {
    this.#counter += 1;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.#counter);
    const authData = Buffer.concat([sha256(rpId ?? String(options.rpId)), Buffer.from([0x01 | 0x04]), count]);
    const clientData = this.#clientData('webauthn.get', String(options.challenge), origin);
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.#key);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: b64url(this.#userHandle),
      },
    };
  }
}
