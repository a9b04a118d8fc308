import { createRemoteJWKSet, jwtVerify } from 'jose';

/** The user-pool service behind the SRP front (cognito-local in tests and the demo), spoken to in JSON 1.1. */

export type Json = Record<string, unknown>;

/** A service error the front answers with (`__type` and message, as the service would). */
export class FrontFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Upstream {
  call(operation: string, body: Json): Promise<{ status: number; json: Json }>;
  /** Like `call`, but a service error becomes a FrontFailure. */
  must(operation: string, body: Json): Promise<Json>;
  /** The pool of an app client (found by listing pools once, then remembered). */
  poolIdFor(clientId: string): Promise<string>;
  /** The pool's own username for what a user typed (an alias such as the e-mail address), if the user exists. */
  canonical(poolId: string, username: string): Promise<string | undefined>;
  /** The app client's secret, or `undefined` for a client without one (asked once, then remembered). */
  clientSecret(poolId: string, clientId: string): Promise<string | undefined>;
  /** Checks an access token's signature (the upstream's key set), expiry and use; its pool and username. */
  accessTokenUser(token: unknown): Promise<{ poolId: string; username: string }>;
}

export function upstreamAt(endpoint: string): Upstream {
  const poolOfClient = new Map<string, string>();
  const secrets = new Map<string, string | undefined>();
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const base = endpoint.replace(/\/+$/, '');
  const call = async (operation: string, body: Json): Promise<{ status: number; json: Json }> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Json };
  };
  const must = async (operation: string, body: Json): Promise<Json> => {
    const { status, json } = await call(operation, body);
    if (status !== 200) throw new FrontFailure(String(json.__type), String(json.message));
    return json;
  };
  return {
    call,
    must,
    async poolIdFor(clientId) {
      const known = poolOfClient.get(clientId);
      if (known) return known;
      const pools = (await must('ListUserPools', { MaxResults: 60 })).UserPools as { Id: string }[];
      for (const { Id } of pools) {
        const listed = await must('ListUserPoolClients', { UserPoolId: Id, MaxResults: 60 });
        for (const c of listed.UserPoolClients as { ClientId: string }[]) poolOfClient.set(c.ClientId, Id);
      }
      const found = poolOfClient.get(clientId);
      if (!found) throw new FrontFailure('ResourceNotFoundException', 'User pool client does not exist.');
      return found;
    },
    async canonical(poolId, username) {
      const { status, json } = await call('AdminGetUser', { UserPoolId: poolId, Username: username });
      return status === 200 ? String(json.Username) : undefined;
    },
    async clientSecret(poolId, clientId) {
      if (secrets.has(clientId)) return secrets.get(clientId);
      const described = await must('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId });
      const secret = (described.UserPoolClient as Json | undefined)?.ClientSecret;
      secrets.set(clientId, typeof secret === 'string' && secret ? secret : undefined);
      return secrets.get(clientId);
    },
    async accessTokenUser(token) {
      const invalid = new FrontFailure('NotAuthorizedException', 'Invalid Access Token');
      if (typeof token !== 'string' || token.split('.').length !== 3) throw invalid;
      let poolId: string;
      try {
        poolId = userOfAccessToken(token).poolId;
      } catch {
        throw invalid;
      }
      if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(poolId)) throw invalid;
      let keys = keySets.get(poolId);
      if (!keys) {
        keys = createRemoteJWKSet(new URL(`${base}/${poolId}/.well-known/jwks.json`));
        keySets.set(poolId, keys);
      }
      const verified = await jwtVerify(token, keys).catch(() => undefined);
      const claims = verified?.payload;
      if (!claims || claims.token_use !== 'access' || typeof claims.username !== 'string') throw invalid;
      return { poolId, username: claims.username };
    },
  };
}

/** Pool id and username from an access token's claims (`iss` ends with the pool id). */
export function userOfAccessToken(token: string): { poolId: string; username: string } {
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Json;
  return { poolId: String(claims.iss).split('/').pop() ?? '', username: String(claims.username) };
}
