// 50 players x 4 concurrent requests each (200 in flight), every player with their own cookies, against
// the real game server: no cross-talk in answers or DynamoDB items, one GetCredentialsForIdentity per
// player per expiry (counted at the emulator and per identity at its credentials tap), and the refreshed
// session on every response.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { REGION, SCORES_TABLE } from '../src/backend';
import { Player, type Reply } from '../src/player';
import { startGameWorld, type GameWorld } from '../src/world';

const PLAYERS = 50;
const CONCURRENT = 4;

let world: GameWorld;

beforeAll(async () => {
  world = await startGameWorld();
});

afterAll(async () => {
  await world?.stop();
});

/** Session cookies set by a reply (name -> value), deletions left out. */
function sessionSet(reply: Reply): Map<string, string> {
  const set = new Map<string, string>();
  for (const line of reply.setCookies) {
    if (/max-age=0/i.test(line)) continue;
    const pair = line.split(';')[0]!;
    set.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
  }
  return set;
}

/** Each player sends CONCURRENT requests at once; all players at once. */
function everyoneAtOnce(
  players: readonly Player[],
  request: (player: Player, n: number) => Promise<Reply>,
): Promise<Reply[][]> {
  return Promise.all(
    players.map((p) => Promise.all(Array.from({ length: CONCURRENT }, (_, n) => request(p, n)))),
  );
}

const scoreOf = (playerIndex: number, round: number, n: number): number =>
  playerIndex * 1000 + round * 10 + n;

it('keeps 50 players x 4 concurrent requests apart, with one credentials call per player per expiry', async () => {
  const { backend, server, clock } = world;
  const players = Array.from({ length: PLAYERS }, (_, i) => new Player(`player${i}`, server.url));
  const tokens = await Promise.all(players.map((p) => backend.token(p.name)));
  const logins = await Promise.all(players.map((p, i) => p.send('POST', '/login', { token: tokens[i] })));
  expect(logins.map((r) => r.status)).toEqual(players.map(() => 200));
  const ids = logins.map((r) => r.body.identityId!);
  expect(new Set(ids).size).toBe(PLAYERS);
  expect(backend.credentialsCalls()).toBe(PLAYERS);
  expect(players.every((p) => p.cookies().size > 0)).toBe(true);

  // Round 0, warm sessions: 200 writes in flight, each signed with its own player's credentials.
  const posts = await everyoneAtOnce(players, (p, n) =>
    p.send('POST', '/scores', { score: scoreOf(players.indexOf(p), 0, n) }),
  );
  posts.forEach((replies, i) => {
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.body.identityId).toBe(ids[i]);
      // Whatever order the writes landed in, a player's item holds only that player's scores.
      expect(reply.body.scores!.every((s) => Math.floor(s / 1000) === i)).toBe(true);
    }
  });
  expect(backend.credentialsCalls()).toBe(PLAYERS);

  // Past the credentials' expiry: 4 requests of each player carry the same expired session at once.
  clock.advance(61 * 60_000);
  const callsBefore = backend.credentialsCalls();
  const issuedBefore = backend.issuedTo().length;
  const cookiesBefore = players.map((p) => new Map(p.cookies()));
  const expired = await everyoneAtOnce(players, (p, n) =>
    p.send('POST', '/scores', { score: scoreOf(players.indexOf(p), 1, n) }),
  );
  expect(backend.credentialsCalls() - callsBefore).toBe(PLAYERS);
  const refreshedFor = backend.issuedTo().slice(issuedBefore);
  expect([...refreshedFor].sort()).toEqual([...ids].sort());
  expired.forEach((replies, i) => {
    const sets = replies.map(sessionSet);
    for (const [n, reply] of replies.entries()) {
      expect(reply.status).toBe(200);
      expect(reply.body.identityId).toBe(ids[i]);
      // The refreshed session is on every response, and it is the same one on all four.
      expect(sets[n]!.size).toBeGreaterThan(0);
      expect([...sets[n]!]).toEqual([...sets[0]!]);
    }
    for (const [name, value] of sets[0]!) expect(value).not.toBe(cookiesBefore[i]!.get(name));
  });

  // A request that left the browser with the old cookies before the refresh answered: it gets the
  // refreshed session (and its cookies) without another credentials call.
  const late = await Promise.all(
    players.map((p, i) => {
      const stale = new Player(p.name, server.url);
      stale.apply([...cookiesBefore[i]!].map(([name, value]) => `${name}=${value}`));
      return stale.send('GET', '/scores');
    }),
  );
  late.forEach((reply, i) => {
    expect(reply.body.identityId).toBe(ids[i]);
    expect([...sessionSet(reply)]).toEqual([...sessionSet(expired[i]![0]!)]);
  });
  expect(backend.credentialsCalls() - callsBefore).toBe(PLAYERS);

  // With the refreshed cookies: warm again, no credentials call.
  const reads = await everyoneAtOnce(players, (p) => p.send('GET', '/scores'));
  expect(backend.credentialsCalls() - callsBefore).toBe(PLAYERS);
  reads.forEach((replies, i) => {
    const own = [0, 1].flatMap((round) => [0, 1, 2, 3].map((n) => scoreOf(i, round, n)));
    for (const reply of replies) {
      expect(reply.body.identityId).toBe(ids[i]);
      expect([...reply.body.scores!].sort((a, b) => a - b)).toEqual(own);
      expect(reply.setCookies).toEqual([]);
    }
  });

  // The table as the operator sees it: one item per player, keyed by their identity, their scores only.
  const admin = new DynamoDBClient({
    region: REGION,
    endpoint: backend.dynaliteEndpoint,
    credentials: { accessKeyId: 'operator', secretAccessKey: 'operator' },
  });
  try {
    const { Items = [] } = await admin.send(new ScanCommand({ TableName: SCORES_TABLE }));
    expect(Items).toHaveLength(PLAYERS);
    for (const item of Items) {
      const i = ids.indexOf(item.identityId!.S!);
      expect(i).toBeGreaterThanOrEqual(0);
      const scores = item.scores!.L!.map((v) => Number(v.N)).sort((a, b) => a - b);
      expect(scores).toEqual([0, 1].flatMap((round) => [0, 1, 2, 3].map((n) => scoreOf(i, round, n))));
    }
  } finally {
    admin.destroy();
  }
  // Every DynamoDB request's signature verified, and every item write was the signer's own item.
  expect(backend.dynamo.rejected).toEqual([]);
  expect(backend.dynamo.accepted).toHaveLength(PLAYERS * CONCURRENT * 3 + PLAYERS);
  for (const call of backend.dynamo.accepted) expect(ids).toContain(call.identityId);
  // No session secret in what the server answered (the session lives in the cookies only).
  const bodies = [...posts, ...expired, late, ...reads].flat().map((r) => JSON.stringify(r.body));
  expect(bodies.filter((b) => /eyJ[\w-]+\.|secret|sessionToken/i.test(b))).toEqual([]);
});
