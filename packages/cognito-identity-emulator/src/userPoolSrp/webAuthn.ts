import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasswordlessSettings } from './passwordless.js';
import { FrontFailure, type Json, type Upstream } from './userPoolUpstream.js';

/**
 * Passkeys as a user pool with a WebAuthn configuration keeps them: StartWebAuthnRegistration hands out
 * creation options, CompleteWebAuthnRegistration verifies the authenticator's attestation, the credential
 * management calls list and delete, and the WEB_AUTHN sign-in challenge verifies an assertion. The
 * ceremonies are checked by `@simplewebauthn/server`; the credentials live in the front's memory.
 */

interface Credential {
  readonly id: string;
  readonly publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  readonly transports: AuthenticatorTransportFuture[];
  readonly attachment?: string;
  readonly created: number;
  readonly name: string;
}

interface Registration {
  readonly challenge: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

const OPERATIONS = [
  'StartWebAuthnRegistration',
  'CompleteWebAuthnRegistration',
  'ListWebAuthnCredentials',
  'DeleteWebAuthnCredential',
];
/** How long a registration challenge stays valid, and the most passkeys one user may have. */
const REGISTRATION_MS = 5 * 60_000;
const MAX_PER_USER = 20;
/** The WebAuthn library, loaded on first use (it takes a fifth of a second to load; most fronts never need it). */
let library: Promise<typeof import('@simplewebauthn/server')> | undefined;
const webauthn = () => (library ??= import('@simplewebauthn/server'));
const invalid = (message: string): FrontFailure => new FrontFailure('InvalidParameterException', message);

const clientOf = (token: string): string =>
  String(
    (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Json).client_id ?? '',
  );

/** A WebAuthn answer (a JSON string on the wire, or a document) as an object; InvalidParameterException otherwise. */
function parseCredential<T>(value: unknown, name: string): T {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalid(`${name} is not valid JSON.`);
    }
  }
  const o = parsed as Json | null;
  if (typeof o !== 'object' || o === null || typeof o.id !== 'string' || typeof o.response !== 'object') {
    throw invalid(`${name} must be a WebAuthn public key credential (id, rawId, response, type).`);
  }
  return parsed as T;
}

/** The origin a ceremony's clientDataJSON names, or `undefined`. */
function originOf(response: { response: { clientDataJSON?: unknown } }): string | undefined {
  try {
    const client = JSON.parse(Buffer.from(String(response.response.clientDataJSON), 'base64url').toString());
    return typeof client.origin === 'string' ? client.origin : undefined;
  } catch {
    return undefined;
  }
}

export class WebAuthnStore {
  readonly #settings: PasswordlessSettings;
  readonly #upstream: Upstream;
  readonly #now: () => number;
  readonly #credentials = new Map<string, Map<string, Credential>>(); // pool/user -> id -> credential
  readonly #registrations = new Map<string, Registration>(); // pool/user -> pending registration

  constructor(settings: PasswordlessSettings, upstream: Upstream, now: () => number = Date.now) {
    this.#settings = settings;
    this.#upstream = upstream;
    this.#now = now;
  }

  /** Whether the user has a passkey (WEB_AUTHN is then an available first factor). */
  has(poolId: string, username: string): boolean {
    return (this.#credentials.get(`${poolId}/${username}`)?.size ?? 0) > 0;
  }

  /** The user's passkeys, for tests: ids and names. */
  list(poolId: string, username: string): { id: string; name: string }[] {
    return [...(this.#credentials.get(`${poolId}/${username}`)?.values() ?? [])].map(({ id, name }) => ({
      id,
      name,
    }));
  }

  /** CREDENTIAL_REQUEST_OPTIONS of a WEB_AUTHN challenge for the user: the options and their challenge. */
  async requestOptions(poolId: string, username: string): Promise<{ options: string; challenge: string }> {
    const mine = [...(this.#credentials.get(`${poolId}/${username}`)?.values() ?? [])];
    const options = await (
      await webauthn()
    ).generateAuthenticationOptions({
      rpID: this.#settings.rpId,
      allowCredentials: mine.map(({ id, transports }) => ({ id, transports })),
      userVerification: this.#settings.userVerification,
      timeout: 180_000,
    });
    return { options: JSON.stringify(options), challenge: options.challenge };
  }

  /** Checks a WEB_AUTHN answer against the challenge it was given; NotAuthorizedException when it fails. */
  async verifyAssertion(poolId: string, username: string, challenge: string, answer: unknown): Promise<void> {
    const response = parseCredential<AuthenticationResponseJSON>(answer, 'CREDENTIAL');
    const refused = (why: string): FrontFailure => new FrontFailure('NotAuthorizedException', why);
    const credential = this.#credentials.get(`${poolId}/${username}`)?.get(response.id);
    if (!credential) throw refused('The passkey is not registered for this user.');
    const origin = originOf(response);
    if (!origin || !this.#settings.originAllowed(origin))
      throw refused('The passkey was used from an origin this user pool does not allow.');
    const result = await (
      await webauthn()
    )
      .verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: this.#settings.rpId,
        credential: { id: credential.id, publicKey: credential.publicKey, counter: credential.counter },
        requireUserVerification: this.#settings.userVerification === 'required',
      })
      .catch((error: unknown) => {
        const rp = /RP ID/i.test(String((error as Error).message));
        throw refused(
          rp ? 'The passkey belongs to another relying party.' : 'The passkey assertion is not valid.',
        );
      });
    if (!result.verified) throw refused('The passkey assertion is not valid.');
    credential.counter = result.authenticationInfo.newCounter;
  }

  /** Answers the WebAuthn credential calls (access-token authorized); `undefined` for other operations. */
  async answer(operation: string, body: Json): Promise<Json | undefined> {
    if (!OPERATIONS.includes(operation)) return undefined;
    if (body.AccessToken === undefined) {
      throw new FrontFailure('NotAuthorizedException', 'Missing Authentication Token');
    }
    const { poolId, username } = await this.#upstream.accessTokenUser(body.AccessToken);
    const owner = `${poolId}/${username}`;
    const mine = this.#credentials.get(owner) ?? new Map<string, Credential>();
    if (operation === 'StartWebAuthnRegistration') {
      const options = await (
        await webauthn()
      ).generateRegistrationOptions({
        rpName: poolId,
        rpID: this.#settings.rpId,
        userName: username,
        userDisplayName: username,
        userID: new TextEncoder().encode(username),
        attestationType: 'none',
        excludeCredentials: [...mine.values()].map(({ id, transports }) => ({ id, transports })),
        authenticatorSelection: {
          residentKey: 'required',
          userVerification: this.#settings.userVerification,
        },
        supportedAlgorithmIDs: [-7, -257],
        timeout: REGISTRATION_MS,
      });
      this.#registrations.set(owner, {
        challenge: options.challenge,
        clientId: clientOf(String(body.AccessToken)),
        expiresAt: this.#now() + REGISTRATION_MS,
      });
      return { CredentialCreationOptions: options };
    }
    if (operation === 'CompleteWebAuthnRegistration') return this.#complete(owner, mine, body);
    if (operation === 'ListWebAuthnCredentials') return this.#list(mine, body);
    const id = String(body.CredentialId ?? '');
    if (!mine.delete(id)) throw new FrontFailure('ResourceNotFoundException', 'Credential not found.');
    return {};
  }

  async #complete(owner: string, mine: Map<string, Credential>, body: Json): Promise<Json> {
    const pending = this.#registrations.get(owner);
    if (!pending || pending.expiresAt <= this.#now()) {
      this.#registrations.delete(owner);
      throw new FrontFailure(
        'WebAuthnChallengeNotFoundException',
        'No registration is under way for this user, or it expired: call StartWebAuthnRegistration again.',
      );
    }
    if (pending.clientId !== clientOf(String(body.AccessToken))) {
      throw new FrontFailure(
        'WebAuthnClientMismatchException',
        'The access token is for another app client than the one that started the registration.',
      );
    }
    const response = parseCredential<RegistrationResponseJSON>(body.Credential, 'Credential');
    const origin = originOf(response);
    if (!origin || !this.#settings.originAllowed(origin)) {
      throw new FrontFailure(
        'WebAuthnOriginNotAllowedException',
        'The passkey was registered from an origin this user pool does not allow.',
      );
    }
    const result = await (
      await webauthn()
    )
      .verifyRegistrationResponse({
        response,
        expectedChallenge: pending.challenge,
        expectedOrigin: origin,
        expectedRPID: this.#settings.rpId,
        requireUserVerification: this.#settings.userVerification === 'required',
      })
      .catch((error: unknown) => {
        const message = String((error as Error).message);
        if (/RP ID/i.test(message)) {
          throw new FrontFailure(
            'WebAuthnRelyingPartyMismatchException',
            'The passkey was made for another relying party id than the user pool has.',
          );
        }
        throw new FrontFailure(
          'WebAuthnCredentialNotSupportedException',
          'The passkey registration could not be verified.',
        );
      });
    if (!result.verified || !result.registrationInfo) {
      throw new FrontFailure(
        'WebAuthnCredentialNotSupportedException',
        'The passkey registration could not be verified.',
      );
    }
    const { credential } = result.registrationInfo;
    for (const others of this.#credentials.values()) {
      if (others.has(credential.id)) throw invalid('This passkey is already registered.');
    }
    if (mine.size >= MAX_PER_USER) {
      throw new FrontFailure(
        'LimitExceededException',
        `A user may register at most ${MAX_PER_USER} passkeys.`,
      );
    }
    this.#registrations.delete(owner);
    mine.set(credential.id, {
      id: credential.id,
      publicKey: credential.publicKey,
      counter: credential.counter,
      transports: response.response.transports ?? credential.transports ?? [],
      ...(response.authenticatorAttachment ? { attachment: response.authenticatorAttachment } : {}),
      created: this.#now(),
      name: 'Passkey',
    });
    this.#credentials.set(owner, mine);
    return {};
  }

  #list(mine: Map<string, Credential>, body: Json): Json {
    const max = body.MaxResults === undefined ? 20 : Number(body.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 20) {
      throw invalid(
        `1 validation error detected: Value '${String(body.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 20`,
      );
    }
    const all = [...mine.values()];
    let start = 0;
    if (body.NextToken !== undefined) {
      const after = Buffer.from(String(body.NextToken), 'base64url').toString();
      start = all.findIndex((c) => c.id === after) + 1;
      if (start === 0) throw invalid('Invalid NextToken.');
    }
    const page = all.slice(start, start + max);
    const more = start + page.length < all.length;
    return {
      Credentials: page.map((c) => ({
        CredentialId: c.id,
        FriendlyCredentialName: c.name,
        RelyingPartyId: this.#settings.rpId,
        ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
        AuthenticatorTransports: c.transports,
        CreatedAt: Math.floor(c.created / 1000),
      })),
      ...(more ? { NextToken: Buffer.from(page.at(-1)!.id).toString('base64url') } : {}),
    };
  }
}
