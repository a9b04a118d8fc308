// A pass-through in front of the Cognito Identity emulator that learns every temporary credential it
// hands out, so a signature-checking endpoint knows the secret key behind each access key id, the way an
// AWS service knows the keys STS issued. Point the plugin's Endpoint at `endpoint`.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IssuedCredentials } from './sigv4Check';

export interface CredentialsTap {
  readonly endpoint: string;
  /** The credentials issued for `accessKeyId`, if the emulator handed them out through this tap. */
  lookup(accessKeyId: string): IssuedCredentials | undefined;
  /** Every credential issued through the tap, oldest first. */
  issued(): readonly IssuedCredentials[];
  stop(): Promise<void>;
}

interface CredentialsAnswer {
  IdentityId?: string;
  Credentials?: { AccessKeyId?: string; SecretKey?: string; SessionToken?: string; Expiration?: number };
}

function learn(body: Buffer): IssuedCredentials | undefined {
  let answer: CredentialsAnswer;
  try {
    answer = JSON.parse(body.toString('utf8')) as CredentialsAnswer;
  } catch {
    return undefined;
  }
  const c = answer.Credentials;
  if (!c?.AccessKeyId || !c.SecretKey) return undefined;
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration !== undefined ? { expiration: new Date(c.Expiration * 1000) } : {}),
    ...(answer.IdentityId ? { identityId: answer.IdentityId } : {}),
  };
}

/** `onIssued` sees each credential as it passes (tests use it to remember the secrets for their leak scan). */
export async function startCredentialsTap(
  target: string,
  onIssued?: (issued: IssuedCredentials) => void,
): Promise<CredentialsTap> {
  const byKey = new Map<string, IssuedCredentials>();
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = request(
        new URL(req.url ?? '/', upstream),
        { method: req.method, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => parts.push(chunk));
          answer.on('end', () => {
            const body = Buffer.concat(parts);
            const issued = answer.statusCode === 200 ? learn(body) : undefined;
            if (issued) {
              byKey.set(issued.accessKeyId, issued);
              onIssued?.(issued);
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    lookup: (accessKeyId) => byKey.get(accessKeyId),
    issued: () => [...byKey.values()],
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
