// The scripted client of `npm run demo:server`: a few players log in, play concurrently, outlive their
// credentials, and one logs out. Every step is checked; a failed check throws.
import { CREDENTIALS_LIFETIME_SECONDS } from './backend';
import { Player, type Reply } from './player';
import type { GameWorld } from './world';

export type Print = (line: string) => void;

function check(condition: boolean, what: string, print: Print): void {
  if (!condition) throw new Error(`check failed: ${what}`);
  print(`  ok  ${what}`);
}

const sessionCookies = (reply: Reply): string[] =>
  reply.setCookies.filter((line) => !/max-age=0/i.test(line)).map((line) => line.slice(0, line.indexOf('=')));

export async function runScenario(world: GameWorld, print: Print): Promise<void> {
  const { backend, server, clock } = world;
  const names = ['ada', 'grace', 'linus'];
  const players = names.map((name) => new Player(name, server.url));
  print(`Game server at ${server.url}: each request runs in its own auth context over the player's cookies`);

  print('\n1. Each player gets a token from the test identity provider and logs in (all at once)');
  const logins = await Promise.all(
    players.map(async (p) => p.send('POST', '/login', { token: await backend.token(p.name) })),
  );
  const ids = new Map<Player, string>();
  logins.forEach((reply, i) => {
    const player = players[i]!;
    check(
      reply.status === 200 && typeof reply.body.identityId === 'string',
      `${player.name} logged in`,
      print,
    );
    ids.set(player, reply.body.identityId!);
    print(`      identity ${reply.body.identityId}, session in ${player.cookies().size} cookie(s)`);
  });
  check(new Set(ids.values()).size === players.length, 'three players, three identities', print);
  check(backend.credentialsCalls() === players.length, 'one GetCredentialsForIdentity per login', print);

  print('\n2. Everyone posts three scores at the same time (9 requests in flight), then reads them');
  const posted = new Map(players.map((p, i) => [p, [100 + i, 200 + i, 300 + i]]));
  const posts = await Promise.all(
    players.flatMap((p) => posted.get(p)!.map((score) => p.send('POST', '/scores', { score }))),
  );
  check(
    posts.every((r) => r.status === 200),
    'every score was stored',
    print,
  );
  for (const p of players) {
    const reply = await p.send('GET', '/scores');
    const scores = [...(reply.body.scores ?? [])].sort();
    print(`      ${p.name}: ${scores.join(', ')}`);
    check(
      reply.body.identityId === ids.get(p) && JSON.stringify(scores) === JSON.stringify(posted.get(p)),
      `${p.name} sees their own identity and exactly their own scores`,
      print,
    );
  }
  check(
    backend.credentialsCalls() === players.length,
    'no further GetCredentialsForIdentity (warm sessions)',
    print,
  );

  print(`\n3. The clock moves past the credentials' expiry (${CREDENTIALS_LIFETIME_SECONDS / 60} min)`);
  print('   Each player sends four requests at once with the expired session');
  clock.advance((CREDENTIALS_LIFETIME_SECONDS + 60) * 1000);
  const before = backend.credentialsCalls();
  const marked = backend.issuedTo().length;
  const cookiesBefore = new Map(players.map((p) => [p, new Map(p.cookies())]));
  const rounds = await Promise.all(
    players.map((p) => Promise.all([1, 2, 3, 4].map(() => p.send('GET', '/scores')))),
  );
  rounds.forEach((replies, i) => {
    const p = players[i]!;
    check(
      replies.every((r) => r.status === 200 && r.body.identityId === ids.get(p)),
      `${p.name}: four answers, all with their own identity`,
      print,
    );
    check(
      replies.every((r) => sessionCookies(r).length > 0),
      `${p.name}: every answer carries the refreshed session cookies`,
      print,
    );
    const changed = [...p.cookies()].some(([name, value]) => cookiesBefore.get(p)!.get(name) !== value);
    check(changed, `${p.name}: the stored session changed`, print);
  });
  const refreshed = backend.issuedTo().slice(marked);
  print(`      GetCredentialsForIdentity calls: ${backend.credentialsCalls() - before}`);
  check(
    backend.credentialsCalls() - before === players.length &&
      players.every((p) => refreshed.filter((id) => id === ids.get(p)).length === 1),
    'one GetCredentialsForIdentity per player for the four requests, not one per request',
    print,
  );

  print('\n4. ada logs out; her next request has no session');
  const out = await players[0]!.send('POST', '/logout');
  check(out.status === 200 && players[0]!.cookies().size === 0, 'the logout deleted her cookies', print);
  check((await players[0]!.send('GET', '/scores')).status === 401, 'then she gets 401', print);
  check((await players[1]!.send('GET', '/scores')).status === 200, 'grace still plays', print);

  check(backend.dynamo.rejected.length === 0, 'DynamoDB refused no signature and no item', print);
  print(`      ${backend.dynamo.accepted.length} DynamoDB requests, each signature verified`);
}
