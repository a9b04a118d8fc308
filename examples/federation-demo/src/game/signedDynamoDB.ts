// The game's DynamoDB: dynalite (an in-memory DynamoDB) on a loopback port, fronted by a check that
// answers only requests whose SigV4 signature verifies against the secret key Cognito issued, and that
// applies the identity pool's fine-grained access rule to item writes and reads.
import { createRequire } from 'node:module';
import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4, type CredentialsLookup, type RejectionKind } from './sigv4Check';

type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number }) => Server;
const dynalite = createRequire(__filename)('dynalite') as Dynalite;

/** A request that passed the check. */
export interface SignedCall {
  readonly operation: string;
  readonly accessKeyId: string;
  readonly identityId?: string;
}

export interface SignedDynamoDB {
  /** The checked endpoint, for the players' clients. */
  readonly endpoint: string;
  /** dynalite itself, for the game operator who creates the table. */
  readonly dynaliteEndpoint: string;
  readonly accepted: SignedCall[];
  readonly rejected: string[];
  stop(): Promise<void>;
}

const ERROR_CODES: Record<RejectionKind, string> = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  unknownKey: 'UnrecognizedClientException',
  expired: 'ExpiredTokenException',
  skewed: 'InvalidSignatureException',
  payloadMismatch: 'InvalidSignatureException',
  mismatch: 'InvalidSignatureException',
};

const ITEM_OPERATIONS = new Set(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem']);

function send(
  res: ServerResponse,
  now: () => number,
  status: number,
  headers: IncomingHttpHeaders,
  body: Buffer | string,
): void {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !['date', 'connection', 'keep-alive'].includes(name)) out[name] = value;
  // The service's clock (the demo's): the SDK corrects its clock skew from this header.
  out.date = new Date(now()).toUTCString();
  res.writeHead(status, out);
  res.end(body);
}

function sendError(res: ServerResponse, now: () => number, code: string, message: string): void {
  send(
    res,
    now,
    400,
    { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': code },
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${code}`, message }),
  );
}

/** The partition key value an item operation names, if any. */
function partitionKeyOf(body: Buffer, attribute: string): string | undefined {
  const input = JSON.parse(body.toString('utf8')) as Record<string, Record<string, { S?: string }>>;
  return (input.Item ?? input.Key)?.[attribute]?.S;
}

export async function startSignedDynamoDB(options: {
  readonly lookup: CredentialsLookup;
  readonly now: () => number;
  /** Items must have the caller's Cognito identity id as the value of this partition key attribute. */
  readonly ownPartitionKey: string;
}): Promise<SignedDynamoDB> {
  const { now } = options;
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', resolve));
  const dbPort = (db.address() as AddressInfo).port;
  const accepted: SignedCall[] = [];
  const rejected: string[] = [];

  const handle = async (
    method: string,
    url: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
    res: ServerResponse,
  ) => {
    const verdict = await verifySigV4(
      { method, url, headers, body },
      { lookup: options.lookup, now, service: 'dynamodb' },
    );
    if (!verdict.ok) {
      rejected.push(ERROR_CODES[verdict.kind]);
      sendError(res, now, ERROR_CODES[verdict.kind], verdict.message);
      return;
    }
    const target = String(headers['x-amz-target'] ?? '');
    const operation = target.slice(target.lastIndexOf('.') + 1);
    const { identityId, accessKeyId } = verdict.credentials;
    if (identityId && ITEM_OPERATIONS.has(operation)) {
      if (partitionKeyOf(body, options.ownPartitionKey) !== identityId) {
        rejected.push('AccessDeniedException');
        sendError(
          res,
          now,
          'AccessDeniedException',
          `Not authorized to perform dynamodb:${operation} on an item whose ${options.ownPartitionKey} is not the caller's identity id.`,
        );
        return;
      }
    }
    accepted.push({ operation, accessKeyId, ...(identityId ? { identityId } : {}) });
    const forward = request({ host: '127.0.0.1', port: dbPort, method, path: url, headers }, (answer) => {
      const parts: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => parts.push(chunk));
      answer.on('end', () => send(res, now, answer.statusCode ?? 502, answer.headers, Buffer.concat(parts)));
    });
    forward.on('error', (error) => sendError(res, now, 'InternalFailure', error.message));
    forward.end(body);
  };

  const front = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res).catch(
        (error: unknown) => sendError(res, now, 'InternalFailure', String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const close = (server: Server): Promise<void> =>
    new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return {
    endpoint: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    dynaliteEndpoint: `http://127.0.0.1:${dbPort}`,
    accepted,
    rejected,
    async stop() {
      await close(front);
      await close(db);
    },
  };
}
