/** In-memory pools and identities, with a (provider, subject) -> identity index per pool. */
import { randomUUID } from 'node:crypto';
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
}

export interface IdentityRecord {
  identityId: string;
  identityPoolId: string;
  /** Provider name -> subject (user id at that provider); never a token. */
  logins: Record<string, string>;
  creationDate: number;
  lastModifiedDate: number;
}

export interface StoreSnapshot {
  pools: PoolRecord[];
  identities: IdentityRecord[];
}

const loginKey = (providerName: string, subject: string): string => `${providerName}\0${subject}`;

export class Store {
  private readonly pools = new Map<string, PoolRecord>();
  private readonly identities = new Map<string, IdentityRecord>();
  private readonly loginIndex = new Map<string, Map<string, string>>();

  constructor(
    private readonly region: string,
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

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
      creationDate: at,
      lastModifiedDate: at,
    };
    this.identities.set(identity.identityId, identity);
    this.onChange();
    return identity;
  }

  /** Links a login; a login previously linked under the same provider with another subject is replaced. */
  link(identity: IdentityRecord, providerName: string, subject: string): void {
    const index = this.loginIndex.get(identity.identityPoolId);
    if (!index || identity.logins[providerName] === subject) return;
    const previous = identity.logins[providerName];
    if (previous !== undefined) index.delete(loginKey(providerName, previous));
    identity.logins[providerName] = subject;
    index.set(loginKey(providerName, subject), identity.identityId);
    identity.lastModifiedDate = this.now();
    this.onChange();
  }

  unlink(identity: IdentityRecord, providerName: string): void {
    const subject = identity.logins[providerName];
    if (subject === undefined) return;
    delete identity.logins[providerName];
    this.loginIndex.get(identity.identityPoolId)?.delete(loginKey(providerName, subject));
    identity.lastModifiedDate = this.now();
    this.onChange();
  }

  snapshot(): StoreSnapshot {
    return { pools: this.listPools(), identities: this.listIdentities() };
  }

  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const pool of snapshot.pools) {
      this.pools.set(pool.identityPoolId, pool);
      this.loginIndex.set(pool.identityPoolId, new Map());
    }
    for (const identity of snapshot.identities) {
      const index = this.loginIndex.get(identity.identityPoolId);
      if (!index) continue;
      this.identities.set(identity.identityId, identity);
      for (const [provider, subject] of Object.entries(identity.logins)) {
        index.set(loginKey(provider, subject), identity.identityId);
      }
    }
  }

  clear(): void {
    this.pools.clear();
    this.identities.clear();
    this.loginIndex.clear();
  }
}
