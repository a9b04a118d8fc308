import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import {
  announceSkip,
  chromiumPath,
  inCi,
  INSTALL_HINT,
  launch,
} from '../../../examples/browser-game/test/chromium';
import { claimsOf, startPasswordlessHarness, type PasswordlessHarness } from './passwordlessHarness';

// A passkey made and used by a real authenticator: headless Chromium's virtual authenticator (DevTools
// Protocol WebAuthn domain: ctap2, internal transport, resident keys, user verification) on a loopback
// page at http://localhost:<port>, calling navigator.credentials.create / get with the front's options.
const executable = chromiumPath();
if (!executable && !inCi()) announceSkip('PASSKEY BROWSER TESTS');
const describeInBrowser = executable || inCi() ? describe : describe.skip;
const PASSWORD = 'Browser-Passw0rd-1';

/** The page's ceremony: WebAuthn options JSON in, the credential's JSON out (base64url by hand). */
const PAGE = `<!doctype html><title>passkey</title><script>
const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const text = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const ids = (list) => (list || []).map((c) => ({ ...c, id: bytes(c.id) }));
window.createPasskey = async (o) => {
  const c = await navigator.credentials.create({ publicKey: { ...o, challenge: bytes(o.challenge),
    user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: ids(o.excludeCredentials) } });
  return { id: c.id, rawId: text(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment,
    clientExtensionResults: {}, response: { clientDataJSON: text(c.response.clientDataJSON),
    attestationObject: text(c.response.attestationObject), transports: c.response.getTransports() } };
};
window.getPasskey = async (o) => {
  const c = await navigator.credentials.get({ publicKey: { ...o, challenge: bytes(o.challenge),
    allowCredentials: ids(o.allowCredentials) } });
  return { id: c.id, rawId: text(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment,
    clientExtensionResults: {}, response: { clientDataJSON: text(c.response.clientDataJSON),
    authenticatorData: text(c.response.authenticatorData), signature: text(c.response.signature),
    userHandle: c.response.userHandle ? text(c.response.userHandle) : undefined } };
};
</script>`;

describeInBrowser('passkeys with Chromium’s virtual authenticator against the SRP front', () => {
  let h: PasswordlessHarness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let site: Server;
  let authenticatorId: string;

  beforeAll(async () => {
    if (!executable)
      throw new Error(`CI=true and no Chromium for the passkey tests. Install it: ${INSTALL_HINT}`);
    h = await startPasswordlessHarness({ relyingPartyId: 'localhost', userVerification: 'required' });
    site = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    browser = await launch(executable);
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await h?.stop();
  });

  const passkeyChallenge = (email: string) =>
    h.call('InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: h.pool.clientId,
      AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
    });
  const answerInBrowser = async (challenge: Record<string, unknown>) => {
    const params = challenge.ChallengeParameters as Record<string, string>;
    const options = JSON.parse(params.CREDENTIAL_REQUEST_OPTIONS!) as unknown;
    const credential = await page.evaluate(
      (o) => (window as never as { getPasskey(o: unknown): unknown }).getPasskey(o),
      options,
    );
    return h.call('RespondToAuthChallenge', {
      ClientId: h.pool.clientId,
      ChallengeName: 'WEB_AUTHN',
      Session: challenge.Session,
      ChallengeResponses: { USERNAME: params.USERNAME!, CREDENTIAL: JSON.stringify(credential) },
    });
  };

  it('signs in with a password, registers a passkey, lists it, signs in with it alone, deletes it, and is refused after', async () => {
    const email = 'browser@example.com';
    const username = await h.newUser(email, PASSWORD);
    const AccessToken = await h.accessToken(email, PASSWORD);
    const started = await h.call('StartWebAuthnRegistration', { AccessToken });
    const creation = started.json.CredentialCreationOptions;
    const Credential = await page.evaluate(
      (o) => (window as never as { createPasskey(o: unknown): unknown }).createPasskey(o),
      creation,
    );
    const completed = await h.call('CompleteWebAuthnRegistration', { AccessToken, Credential });
    expect(completed).toEqual({ status: 200, json: {} });
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toEqual([expect.objectContaining({ rpId: 'localhost', isResidentCredential: true })]);
    const listed = await h.call('ListWebAuthnCredentials', { AccessToken });
    const [described] = listed.json.Credentials as Record<string, unknown>[];
    expect(described).toMatchObject({
      CredentialId: (Credential as { id: string }).id,
      RelyingPartyId: 'localhost',
      AuthenticatorAttachment: 'platform',
      AuthenticatorTransports: ['internal'],
    });

    const challenge = await passkeyChallenge(email);
    expect(challenge.json.ChallengeName).toBe('WEB_AUTHN');
    const signedIn = await answerInBrowser(challenge.json);
    expect(signedIn.status).toBe(200);
    const tokens = signedIn.json.AuthenticationResult as { AccessToken: string };
    expect(claimsOf(tokens.AccessToken)).toMatchObject({ username, token_use: 'access' });

    // A challenge opened before the delete: the deleted passkey's answer is refused.
    const pending = await passkeyChallenge(email);
    await expect(
      h.call('DeleteWebAuthnCredential', { AccessToken, CredentialId: described!.CredentialId }),
    ).resolves.toEqual({ status: 200, json: {} });
    await expect(answerInBrowser(pending.json)).resolves.toMatchObject({
      status: 400,
      json: { __type: 'NotAuthorizedException' },
    });
    const after = await passkeyChallenge(email);
    expect(after.json.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(after.json.AvailableChallenges).not.toContain('WEB_AUTHN');
  });
});
