// The game's server: one node:http process for every player. Each request runs in its own auth context
// over that player's cookies (the session lives in the cookies, not in the process), and reads or writes
// the player's scores in DynamoDB through a client made for the request, signed with the credentials of
// the request's context: `fromAmplifyAuth({ context })`.
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DynamoDBClient,
  GetItemCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  AuthProvider,
  cookieJarFromNode,
  createCookieStorage,
  fromAmplifyAuth,
  runWithAuthContext,
  type AuthContext,
  type CookieAttributes,
} from '@plugboard/auth-cognito-plugin';
import { PARTITION_KEY, REGION, SCORES_TABLE } from './backend';

export interface GameServerOptions {
  /** Where DynamoDB is (here: the SigV4-verifying endpoint in front of dynalite). */
  readonly dynamoEndpoint: string;
  /** Overrides of the session cookies' attributes (default: HttpOnly, Secure, SameSite=Lax, Path=/). */
  readonly cookieAttributes?: Partial<CookieAttributes>;
}

export interface GameServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const MAX_BODY_BYTES = 16 * 1024;
const ROUTES = new Set(['POST /login', 'POST /scores', 'GET /scores', 'POST /logout']);

class BadRequest extends Error {}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new BadRequest('The body is larger than 16 KiB.'));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        const value = JSON.parse(text) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
        resolve(value as Record<string, unknown>);
      } catch {
        reject(new BadRequest('The body must be a JSON object.'));
      }
    });
  });
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

const scoresOf = (item: Record<string, AttributeValue> | undefined): number[] =>
  (item?.scores?.L ?? []).map((v) => Number(v.N));

/** The request's work, inside its auth context. */
async function play(
  route: string,
  body: Record<string, unknown> | undefined,
  context: AuthContext,
  options: GameServerOptions,
  http: NodeHttpHandler,
): Promise<Answer> {
  if (route === 'POST /login') {
    const token = body?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192)
      return { status: 400, body: { error: 'POST /login needs {"token": "<provider token>"}.' } };
    const { identityId } = await context.plugin.federateToIdentityPool(token, AuthProvider.facebook());
    return { status: 200, body: { identityId } };
  }
  if (route === 'POST /logout') {
    await context.plugin.clearFederationToIdentityPool();
    return { status: 200, body: {} };
  }
  const session = await context.plugin.fetchAuthSession();
  if (session.identityIdResult.type !== 'SUCCESS' || session.awsCredentialsResult.type !== 'SUCCESS')
    return { status: 401, body: { error: 'No session: POST /login first.' } };
  const identityId = session.identityIdResult.value;
  const score = body?.score;
  if (route === 'POST /scores' && (!Number.isSafeInteger(score) || (score as number) < 0))
    return { status: 400, body: { error: 'POST /scores needs {"score": <a whole number >= 0>}.' } };
  // One client per request, signing with this request's context (never another player's); the
  // connections are the server's (kept alive across requests), so the client is not destroyed.
  const db = new DynamoDBClient({
    region: REGION,
    endpoint: options.dynamoEndpoint,
    credentials: fromAmplifyAuth({ context }),
    requestHandler: http,
  });
  const key = { [PARTITION_KEY]: { S: identityId } };
  if (route === 'POST /scores') {
    const { Attributes } = await db.send(
      new UpdateItemCommand({
        TableName: SCORES_TABLE,
        Key: key,
        UpdateExpression: 'SET scores = list_append(if_not_exists(scores, :none), :new)',
        ExpressionAttributeValues: { ':none': { L: [] }, ':new': { L: [{ N: String(score) }] } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { status: 200, body: { identityId, scores: scoresOf(Attributes) } };
  }
  const { Item } = await db.send(
    new GetItemCommand({ TableName: SCORES_TABLE, Key: key, ConsistentRead: true }),
  );
  return { status: 200, body: { identityId, scores: scoresOf(Item) } };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: GameServerOptions,
  http: NodeHttpHandler,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname}`;
  if (!ROUTES.has(route)) return send(res, 404, { error: `No route ${route}.` });
  const body = req.method === 'POST' ? await readJson(req) : undefined;
  // Without cookies there is no session to look at: nothing to ask Cognito.
  if (route !== 'POST /login' && !req.headers.cookie)
    return send(res, 401, { error: 'No session: POST /login first.' });
  const storage = createCookieStorage(cookieJarFromNode(req, res), {
    ...(options.cookieAttributes ? { attributes: options.cookieAttributes } : {}),
  });
  // The work ends before the response does: refreshed cookies are already on it.
  const answer = await runWithAuthContext({ storage }, (context) =>
    play(route, body, context, options, http),
  );
  send(res, answer.status, answer.body);
}

/** Starts the game server on 127.0.0.1 and a free port. */
export async function startGameServer(options: GameServerOptions): Promise<GameServer> {
  const http = new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) });
  const server = createServer((req, res) => {
    handle(req, res, options, http).catch((error: unknown) => {
      // The error's name only: a message could quote what the client sent.
      const status = error instanceof BadRequest ? 400 : 500;
      const message = error instanceof BadRequest ? error.message : (error as Error)?.name;
      if (!res.headersSent) send(res, status, { error: message ?? 'Error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
        http.destroy();
      }),
  };
}
