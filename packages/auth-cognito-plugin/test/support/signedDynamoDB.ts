// dynalite (an in-memory DynamoDB) on loopback, fronted by the SigV4 check: only requests signed with a
// secret key the issuer handed out reach it.
import { createRequire } from 'node:module';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialsLookup } from './sigv4';
import { startSigV4Server, type SigV4Server } from './sigv4Server';

type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number }) => Server;
const dynalite = createRequire(__filename)('dynalite') as Dynalite;

export interface SignedDynamoDBOptions {
  readonly lookup: CredentialsLookup;
  readonly now?: () => number;
  /**
   * The identity-pool fine-grained access rule: when set, item reads and writes by credentials that
   * belong to a Cognito identity must use that identity id as the value of this partition key attribute.
   */
  readonly ownPartitionKey?: string;
}

export interface SignedDynamoDB extends SigV4Server {
  /** dynalite itself, without the check (for arranging tables). */
  readonly dynaliteEndpoint: string;
}

const ITEM_OPERATIONS = new Set(['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem']);

/** The partition key value an item operation names, if any. */
function partitionKeyOf(body: Buffer, attribute: string): string | undefined {
  const input = JSON.parse(body.toString('utf8')) as Record<string, Record<string, { S?: string }>>;
  return (input.Item ?? input.Key)?.[attribute]?.S;
}

export async function startSignedDynamoDB(options: SignedDynamoDBOptions): Promise<SignedDynamoDB> {
  const db = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', resolve));
  const { port } = db.address() as AddressInfo;
  const front = await startSigV4Server({
    lookup: options.lookup,
    service: 'dynamodb',
    style: 'json',
    ...(options.now ? { now: options.now } : {}),
    handle(signed, credentials, respond) {
      const target = String(signed.headers['x-amz-target'] ?? '');
      const operation = target.slice(target.lastIndexOf('.') + 1);
      const attribute = options.ownPartitionKey;
      if (attribute && credentials.identityId && ITEM_OPERATIONS.has(operation)) {
        const key = partitionKeyOf(signed.body, attribute);
        if (key !== credentials.identityId) {
          respond.error(
            400,
            'AccessDeniedException',
            `Not authorized to perform dynamodb:${operation} on an item whose ${attribute} is not the caller's identity id.`,
          );
          return;
        }
      }
      const forward = request(
        { host: '127.0.0.1', port, method: signed.method, path: signed.url, headers: signed.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () =>
            respond.send(answer.statusCode ?? 502, answer.headers, Buffer.concat(parts)),
          );
        },
      );
      forward.on('error', (error) => respond.error(500, 'InternalFailure', error.message));
      forward.end(signed.body);
    },
  });
  return {
    ...front,
    dynaliteEndpoint: `http://127.0.0.1:${port}`,
    async stop() {
      await front.stop();
      db.closeAllConnections();
      await new Promise<void>((resolve, reject) => db.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
