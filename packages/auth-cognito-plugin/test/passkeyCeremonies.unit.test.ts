import { UserCancelledException } from '@plugboard/core';
import { WebAuthnNotSupportedException } from '../src';
import { createPasskey, getPasskey, requireWebAuthn } from '../src/webauthn/passkeyCeremonies';

// The page side of the passkey ceremonies with a credentials container written here (the real one is
// exercised in passkeys.chromium.test.ts): what reaches navigator.credentials, what comes back as JSON,
// and how the browser's refusals are typed.
const b64 = (bytes: number[]): string => Buffer.from(bytes).toString('base64url');
const buffer = (bytes: number[]): ArrayBuffer => new Uint8Array(bytes).buffer;

function container(answer: (options: CredentialCreationOptions | CredentialRequestOptions) => unknown) {
  const seen: (CredentialCreationOptions | CredentialRequestOptions)[] = [];
  const fake = {
    create: async (o: CredentialCreationOptions) => (seen.push(o), answer(o)),
    get: async (o: CredentialRequestOptions) => (seen.push(o), answer(o)),
  } as unknown as CredentialsContainer;
  return { fake, seen };
}

const refusal = (name: string) => () => {
  throw new DOMException('The operation either timed out or was not allowed.', name);
};

describe('passkey ceremonies', () => {
  it('decodes the creation options and encodes the registration response', async () => {
    const { fake, seen } = container(() => ({
      id: b64([9, 9]),
      rawId: buffer([9, 9]),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      getClientExtensionResults: () => ({ credProps: { rk: true } }),
      response: {
        clientDataJSON: buffer([1, 2, 3]),
        attestationObject: buffer([4, 5]),
        getTransports: () => ['internal'],
      },
    }));
    const json = await createPasskey(fake, {
      rp: { id: 'localhost', name: 'pool' },
      user: { id: b64([7, 7, 7]), name: 'u', displayName: 'u' },
      challenge: b64([1, 1, 1, 1]),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [{ id: b64([8]), type: 'public-key', transports: ['usb'] }],
    });
    const publicKey = (seen[0] as CredentialCreationOptions).publicKey!;
    expect([...new Uint8Array(publicKey.challenge as ArrayBuffer)]).toEqual([1, 1, 1, 1]);
    expect([...new Uint8Array(publicKey.user.id as ArrayBuffer)]).toEqual([7, 7, 7]);
    expect(publicKey.excludeCredentials?.map((d) => [...new Uint8Array(d.id as ArrayBuffer)])).toEqual([[8]]);
    expect(json).toEqual({
      id: b64([9, 9]),
      rawId: b64([9, 9]),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: { clientDataJSON: b64([1, 2, 3]), attestationObject: b64([4, 5]), transports: ['internal'] },
    });
  });

  it('decodes the request options and encodes the assertion', async () => {
    const { fake, seen } = container(() => ({
      id: b64([6]),
      rawId: buffer([6]),
      type: 'public-key',
      authenticatorAttachment: null,
      getClientExtensionResults: () => ({}),
      response: {
        clientDataJSON: buffer([1]),
        authenticatorData: buffer([2]),
        signature: buffer([3]),
        userHandle: buffer([4]),
      },
    }));
    const json = await getPasskey(fake, {
      rpId: 'localhost',
      challenge: b64([5, 5]),
      allowCredentials: [{ id: b64([6]), type: 'public-key' }],
      userVerification: 'preferred',
    });
    const publicKey = (seen[0] as CredentialRequestOptions).publicKey!;
    expect([...new Uint8Array(publicKey.challenge as ArrayBuffer)]).toEqual([5, 5]);
    expect(publicKey.rpId).toBe('localhost');
    expect(json).toEqual({
      id: b64([6]),
      rawId: b64([6]),
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64([1]),
        authenticatorData: b64([2]),
        signature: b64([3]),
        userHandle: b64([4]),
      },
    });
  });

  it('types the browser refusals', async () => {
    const options = { challenge: b64([1]) };
    await expect(getPasskey(container(refusal('NotAllowedError')).fake, options)).rejects.toBeInstanceOf(
      UserCancelledException,
    );
    await expect(getPasskey(container(refusal('SecurityError')).fake, options)).rejects.toBeInstanceOf(
      WebAuthnNotSupportedException,
    );
    await expect(getPasskey(container(() => null).fake, options)).rejects.toBeInstanceOf(
      UserCancelledException,
    );
  });

  it('says why WebAuthn is unavailable: no API (Node), or an insecure page', () => {
    expect(() => requireWebAuthn('Registering a passkey')).toThrow(WebAuthnNotSupportedException);
    const scope = globalThis as Record<string, unknown>;
    const saved = { navigator: scope.navigator, PublicKeyCredential: scope.PublicKeyCredential };
    const secure = Object.getOwnPropertyDescriptor(globalThis, 'isSecureContext');
    try {
      Object.defineProperty(globalThis, 'navigator', { configurable: true, value: { credentials: {} } });
      scope.PublicKeyCredential = function PublicKeyCredential() {};
      Object.defineProperty(globalThis, 'isSecureContext', { configurable: true, value: false });
      expect(() => requireWebAuthn('Registering a passkey')).toThrow(/secure context/);
      Object.defineProperty(globalThis, 'isSecureContext', { configurable: true, value: true });
      expect(requireWebAuthn('Registering a passkey')).toEqual({});
    } finally {
      Object.defineProperty(globalThis, 'navigator', {
        configurable: true,
        writable: true,
        value: saved.navigator,
      });
      scope.PublicKeyCredential = saved.PublicKeyCredential;
      if (secure) Object.defineProperty(globalThis, 'isSecureContext', secure);
      else delete scope.isSecureContext;
    }
  });
});
