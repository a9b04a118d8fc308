/** In-memory pools and identities, with a (provider, subject) -> identity index per pool. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_ROLES } from './defaultRoles.js';
import type { CognitoIdentityProviderConfig, OpenIdConnectProviderConfig } from './types.js';

export interface PoolRecord {
  identityPoolId: string;
  identityPoolName: string;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow: boolean;
  supportedLoginProviders: Record<string, string>;
  developerProviderName?: string;
  openIdConnectProviders: OpenIdConnectProviderConfig[];
  openIdConnectProviderARNs: string[];
  samlProviderARNs: string[];
  cognitoIdentityProviders: CognitoIdentityProviderConfig[];
  tags: Record<string, string>;
  /** `authenticated` / `unauthenticated` -> role ARN (SetIdentityPoolRoles `Roles`). */
  roles: Partial<Record<RoleType, string>>;
  /** Provider name -> role mapping (SetIdentityPoolRoles `RoleMappings`, wire shape). */
  roleMappings: Record<string, RoleMappingRecord>;
  /** Provider name -> principal tag attribute map (SetPrincipalTagAttributeMap). */
  principalTagMaps: Record<string, { useDefaults: boolean; principalTags: Record<string, string> }>;
}

export type RoleType = 'authenticated' | 'unauthenticated';

export interface MappingRuleRecord {
  Claim: string;
  MatchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
  Value: string;
  RoleARN: string;
}

export interface RoleMappingRecord {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
  RulesConfiguration?: { Rules: MappingRuleRecord[] };
}

export interface IdentityRecord {
  identityId: string;
  identityPoolId: string;
  /** Public provider name -> subject (user id at that provider); never a token. One per provider. */
  logins: Record<string, string>;
  /** Developer user identifiers linked under the pool's developer provider (several after a merge). */
  developerUserIds: string[];
  /** Set when the last login was unlinked: the identity can no longer be used. */
  disabled?: boolean;
  creationDate: number;
  lastModifiedDate: number;
}

export interface StoreSnapshot {
  pools: PoolRecord[];
  identities: IdentityRecord[];
  /** Identity ids merged away -> the identity they were merged into. */
  merged?: Record<string, string>;
}

const loginKey = (providerName: string, subject: string): string => `${providerName}\0${subject}`;

/**
 * Old pool snapshots (before roles and tag maps existed) get the new fields; their pools handed out
 * credentials without roles, so they get the default roles to keep working.
 */
function upgradePool(pool: PoolRecord): PoolRecord {
  const stored: Partial<PoolRecord> = pool;
  return {
    ...pool,
    roles: stored.roles ?? { ...DEFAULT_ROLES },
    roleMappings: stored.roleMappings ?? {},
    principalTagMaps: stored.principalTagMaps ?? {},
  };
}

export class Store {
  private readonly pools = new Map<string, PoolRecord>();
  private readonly identities = new Map<string, IdentityRecord>();
  private readonly loginIndex = new Map<string, Map<string, string>>();
  private readonly merged = new Map<string, string>();

  constructor(
    private readonly region: string,
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Call after changing a record in place. */
  changed(): void {
    this.onChange();
  }

  addPool(pool: Omit<PoolRecord, 'identityPoolId'>): PoolRecord {
    const record: PoolRecord = { ...pool, identityPoolId: `${this.region}:${randomUUID()}` };
    this.pools.set(record.identityPoolId, record);
    this.loginIndex.set(record.identityPoolId, new Map());
    this.onChange();
    return record;
  }

  pool(identityPoolId: string): PoolRecord | undefined {
    return this.pools.get(identityPoolId);
  }

  listPools(): PoolRecord[] {
    return [...this.pools.values()];
  }

  deletePool(identityPoolId: string): boolean {
    if (!this.pools.delete(identityPoolId)) return false;
    for (const [id, identity] of this.identities) {
      if (identity.identityPoolId === identityPoolId) this.identities.delete(id);
    }
    this.loginIndex.delete(identityPoolId);
    this.onChange();
    return true;
  }

  identity(identityId: string): IdentityRecord | undefined {
    return this.identities.get(identityId);
  }

  /** The identity an id now stands for: itself, or the identity it was merged into. */
  resolve(identityId: string): IdentityRecord | undefined {
    let id = identityId;
    for (let hops = 0; hops < 100 && !this.identities.has(id); hops++) {
      const next = this.merged.get(id);
      if (next === undefined) return undefined;
      id = next;
    }
    return this.identities.get(id);
  }

  listIdentities(identityPoolId?: string): IdentityRecord[] {
    const all = [...this.identities.values()];
    return identityPoolId === undefined ? all : all.filter((i) => i.identityPoolId === identityPoolId);
  }

  /** The identity a login is linked to in a pool. */
  ownerOf(identityPoolId: string, providerName: string, subject: string): string | undefined {
    return this.loginIndex.get(identityPoolId)?.get(loginKey(providerName, subject));
  }

  createIdentity(identityPoolId: string): IdentityRecord {
    const at = this.now();
    const identity: IdentityRecord = {
      identityId: `${this.region}:${randomUUID()}`,
      identityPoolId,
      logins: {},
      developerUserIds: [],
      creationDate: at,
      lastModifiedDate: at,
    };
    this.identities.set(identity.identityId, identity);
    this.onChange();
    return identity;
  }

  /** Links a public-provider login. The caller has checked the identity has no other user of that provider. */
  link(identity: IdentityRecord, providerName: string, subject: string): void {
    const index = this.loginIndex.get(identity.identityPoolId);
    if (!index || identity.logins[providerName] === subject) return;
    identity.logins[providerName] = subject;
    index.set(loginKey(providerName, subject), identity.identityId);
    this.touch(identity);
  }

  /** Links a developer user identifier under the pool's developer provider. */
  linkDeveloper(identity: IdentityRecord, providerName: string, userId: string): void {
    const index = this.loginIndex.get(identity.identityPoolId);
    if (!index || identity.developerUserIds.includes(userId)) return;
    identity.developerUserIds.push(userId);
    index.set(loginKey(providerName, userId), identity.identityId);
    this.touch(identity);
  }

  /** Removes a public login; an identity left without any login is disabled (AWS: unusable, not a guest). */
  unlink(identity: IdentityRecord, providerName: string): void {
    const subject = identity.logins[providerName];
    if (subject === undefined) return;
    delete identity.logins[providerName];
    this.loginIndex.get(identity.identityPoolId)?.delete(loginKey(providerName, subject));
    this.disableIfEmpty(identity);
    this.touch(identity);
  }

  unlinkDeveloper(identity: IdentityRecord, providerName: string, userId: string): void {
    const at = identity.developerUserIds.indexOf(userId);
    if (at < 0) return;
    identity.developerUserIds.splice(at, 1);
    this.loginIndex.get(identity.identityPoolId)?.delete(loginKey(providerName, userId));
    this.disableIfEmpty(identity);
    this.touch(identity);
  }

  /** Moves every login of `from` to `into` and forgets `from`; its id then resolves to `into`. */
  merge(into: IdentityRecord, from: IdentityRecord, developerProviderName: string | undefined): void {
    for (const [provider, subject] of Object.entries(from.logins)) this.link(into, provider, subject);
    for (const userId of from.developerUserIds) {
      if (developerProviderName !== undefined) this.linkDeveloper(into, developerProviderName, userId);
    }
    into.disabled = undefined;
    this.identities.delete(from.identityId);
    this.merged.set(from.identityId, into.identityId);
    this.touch(into);
  }

  deleteIdentity(identity: IdentityRecord, developerProviderName: string | undefined): void {
    const index = this.loginIndex.get(identity.identityPoolId);
    for (const [provider, subject] of Object.entries(identity.logins))
      index?.delete(loginKey(provider, subject));
    if (developerProviderName !== undefined) {
      for (const userId of identity.developerUserIds) index?.delete(loginKey(developerProviderName, userId));
    }
    this.identities.delete(identity.identityId);
    this.onChange();
  }

  snapshot(): StoreSnapshot {
    return {
      pools: this.listPools(),
      identities: this.listIdentities(),
      merged: Object.fromEntries(this.merged),
    };
  }

  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const stored of snapshot.pools) {
      const pool = upgradePool(stored);
      this.pools.set(pool.identityPoolId, pool);
      this.loginIndex.set(pool.identityPoolId, new Map());
    }
    for (const stored of snapshot.identities) {
      const index = this.loginIndex.get(stored.identityPoolId);
      if (!index) continue;
      const identity: IdentityRecord = {
        ...stored,
        logins: { ...stored.logins },
        developerUserIds: stored.developerUserIds ?? [],
      };
      const developer = this.pools.get(identity.identityPoolId)?.developerProviderName;
      const oldDeveloperLogin = developer === undefined ? undefined : identity.logins[developer];
      if (developer !== undefined && oldDeveloperLogin !== undefined) {
        // Snapshots before developer user lists kept the developer login among the public ones.
        delete identity.logins[developer];
        if (!identity.developerUserIds.includes(oldDeveloperLogin))
          identity.developerUserIds.push(oldDeveloperLogin);
      }
      this.identities.set(identity.identityId, identity);
      for (const [provider, subject] of Object.entries(identity.logins)) {
        index.set(loginKey(provider, subject), identity.identityId);
      }
      if (developer !== undefined) {
        for (const userId of identity.developerUserIds)
          index.set(loginKey(developer, userId), identity.identityId);
      }
    }
    for (const [from, into] of Object.entries(snapshot.merged ?? {})) this.merged.set(from, into);
  }

  clear(): void {
    this.pools.clear();
    this.identities.clear();
    this.loginIndex.clear();
    this.merged.clear();
  }

  private disableIfEmpty(identity: IdentityRecord): void {
    if (Object.keys(identity.logins).length === 0 && identity.developerUserIds.length === 0)
      identity.disabled = true;
  }

  private touch(identity: IdentityRecord): void {
    identity.lastModifiedDate = this.now();
    this.onChange();
  }
}
