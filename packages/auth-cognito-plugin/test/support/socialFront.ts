import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolEmulator } from './cognitoLocal';
import { poolOfClient, type FrontRoute } from './hostedUiFront';

/** oidc-provider as the upstream social IdP (child process), and the hosted-UI routes that federate it. */
export interface SocialIdp {
  readonly issuer: string;
  /** The hosted-UI routes: `identity_provider=<name>` on /oauth2/authorize, and /oauth2/idpresponse. */
  routes(name: string, frontOrigin: () => string): FrontRoute[];
  stop(): Promise<void>;
}

export async function startSocialIdp(users: UserPoolEmulator, redirectUri: string): Promise<SocialIdp> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'socialIdp.mjs'), redirectUri], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const started = await new Promise<{ issuer: string; clientId: string; clientSecret: string }>(
    (resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child.once('exit', (code) => reject(new Error(`the social IdP exited with ${code}`)));
    },
  );
  const waiting = new Map<string, URLSearchParams>();
  const passwords = new Map<string, string>();

  /** The user pool's user for a social account (created on first sign-in, as Cognito does), signed in on the form. */
  async function redirectAsUser(original: URLSearchParams, username: string, email: string): Promise<string> {
    const clientId = original.get('client_id') ?? '';
    const poolId = poolOfClient.get(clientId)!;
    let password = passwords.get(username);
    if (!password) {
      password = `Aa1-${randomBytes(12).toString('hex')}`;
      await users.admin.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          TemporaryPassword: `Tmp-${password}`,
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      );
      await users.admin.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: poolId,
          Username: username,
          Password: password,
          Permanent: true,
        }),
      );
      passwords.set(username, password);
    }
    const form = new URLSearchParams(original);
    form.delete('identity_provider');
    form.set('username', username);
    form.set('password', password);
    const answer = await fetch(`${users.endpoint}/oauth2/authorize`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    return answer.headers.get('location') ?? '';
  }

  return {
    issuer: started.issuer,
    routes: (name, frontOrigin) => [
      async (request, url) => {
        if (url.pathname !== '/oauth2/authorize' || url.searchParams.get('identity_provider') !== name)
          return undefined;
        const key = randomBytes(16).toString('hex');
        waiting.set(key, url.searchParams);
        const upstream = new URL('/auth', started.issuer);
        upstream.search = new URLSearchParams({
          client_id: started.clientId,
          response_type: 'code',
          redirect_uri: `${frontOrigin()}/oauth2/idpresponse`,
          scope: 'openid email',
          state: key,
        }).toString();
        return { status: 302, headers: { location: upstream.toString() } };
      },
      async (_request, url) => {
        if (url.pathname !== '/oauth2/idpresponse') return undefined;
        const original = waiting.get(url.searchParams.get('state') ?? '');
        waiting.delete(url.searchParams.get('state') ?? '');
        if (!original) return { status: 400, body: 'unknown state' };
        const answer = await fetch(new URL('/token', started.issuer), {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${started.clientId}:${started.clientSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: url.searchParams.get('code') ?? '',
            redirect_uri: `${frontOrigin()}/oauth2/idpresponse`,
          }),
        });
        const { id_token: idToken } = (await answer.json()) as { id_token?: string };
        if (!idToken) return { status: 502, body: 'the social IdP answered without an id token' };
        const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as {
          sub: string;
          email: string;
        };
        // Cognito names such users `<Provider>_<sub>`; cognito-local's pools take e-mail usernames only.
        const location = await redirectAsUser(original, claims.email, claims.email);
        return { status: 302, headers: { location } };
      },
    ],
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
