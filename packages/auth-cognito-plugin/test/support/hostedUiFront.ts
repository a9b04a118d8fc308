import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateUserPoolClientCommand,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserPoolEmulator } from './cognitoLocal';

/**
 * A hosted-UI domain for tests: cognito-local serves `/oauth2/authorize` (its sign-in form, PKCE S256,
 * callback URLs checked) and `/oauth2/token`; this front passes those through and adds `/logout`, which
 * cognito-local lacks (client id and logout URI checked against the app client, then a redirect).
 */
export interface HostedUiFront {
  /** `127.0.0.1:<port>`: a WebDomain as Cognito gives it, without a scheme. */
  readonly webDomain: string;
  readonly origin: string;
  /** Paths requested, in order, for assertions (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  readonly paths: string[];
  /** Adds routes answered before the pass-through (e.g. a social IdP behind `identity_provider`). */
  addRoutes(more: FrontRoute[]): void;
  /** Makes `/oauth2/token` answer with this HTTP status and OAuth error (undefined: pass through again). */
  failToken(failure: { status: number; error: string } | undefined): void;
  stop(): Promise<void>;
}

export type FrontRoute = (
  request: IncomingMessage,
  url: URL,
) => Promise<{ status: number; headers?: Record<string, string>; body?: string } | undefined>;

export async function startHostedUiFront(
  users: UserPoolEmulator,
  routes: FrontRoute[] = [],
): Promise<HostedUiFront> {
  const paths: string[] = [];
  let tokenFailure: { status: number; error: string } | undefined;
  const target = new URL(users.endpoint);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://front');
    paths.push(url.pathname);
    void (async () => {
      for (const route of routes) {
        const answer = await route(req, url);
        if (answer) return res.writeHead(answer.status, answer.headers).end(answer.body ?? '');
      }
      if (url.pathname === '/logout') return res.writeHead(...(await logout(users, url))).end();
      if (url.pathname === '/oauth2/token' && tokenFailure) {
        const { status, error } = tokenFailure;
        return res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
      }
      const upstream = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    })().catch((error: unknown) => res.writeHead(500).end(String((error as Error)?.stack ?? error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webDomain: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    paths,
    addRoutes(more) {
      routes.push(...more);
    },
    failToken(failure) {
      tokenFailure = failure;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function logout(users: UserPoolEmulator, url: URL): Promise<[number, Record<string, string>?]> {
  const clientId = url.searchParams.get('client_id') ?? '';
  const logoutUri = url.searchParams.get('logout_uri') ?? '';
  const poolId = poolOfClient.get(clientId);
  if (!poolId) return [400];
  const { UserPoolClient } = await users.admin.send(
    new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }),
  );
  if (!UserPoolClient?.LogoutURLs?.includes(logoutUri)) return [400];
  return [302, { location: logoutUri }];
}

export const poolOfClient = new Map<string, string>();

/** An app client for the hosted UI: code flow, the given callback and logout URLs. */
export async function createHostedUiClient(
  users: UserPoolEmulator,
  poolId: string,
  urls: { callback: string[]; logout: string[] },
): Promise<string> {
  const { UserPoolClient } = await users.admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'hosted-ui',
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: urls.callback,
      LogoutURLs: urls.logout,
      SupportedIdentityProviders: ['COGNITO'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = UserPoolClient!.ClientId!;
  poolOfClient.set(clientId, poolId);
  return clientId;
}
