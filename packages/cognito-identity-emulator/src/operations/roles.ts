/**
 * The role GetCredentialsForIdentity hands out: the pool's `unauthenticated` role for guests; for
 * authenticated identities the role chosen by a role mapping of a provider in `Logins` (`Token`: the
 * token's `cognito:preferred_role` / `cognito:roles`, with `CustomRoleArn` choosing among them; `Rules`:
 * the first matching rule), falling back to the `authenticated` role or refusing, as the mapping's
 * `AmbiguousRoleResolution` says. A `CustomRoleArn` outside what is offered is NotAuthorizedException. A needed role that the pool lacks is an
 * InvalidIdentityPoolConfigurationException (API reference: GetCredentialsForIdentity, RoleMapping).
 */
import type { JWTPayload } from 'jose';
import { invalidIdentityPoolConfiguration, invalidParameter, notAuthorized } from '../errors.js';
import type { IdentityRecord, MappingRuleRecord, PoolRecord, RoleMappingRecord } from '../store.js';
import type { VerifiedLogin } from './logins.js';

const SAML_ROLE_CLAIM = 'https://aws.amazon.com/SAML/Attributes/Role';

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A mapping applies to a provider when its key is the provider name or `<provider>:<client id>`. */
function mappingFor(pool: PoolRecord, login: VerifiedLogin): RoleMappingRecord | undefined {
  for (const [key, mapping] of Object.entries(pool.roleMappings)) {
    if (key === login.providerName || key.startsWith(`${login.providerName}:`)) return mapping;
  }
  return undefined;
}

function ruleMatches(rule: MappingRuleRecord, claims: JWTPayload): boolean {
  const values = stringsOf(claims[rule.Claim]);
  switch (rule.MatchType) {
    case 'Equals':
      return values.includes(rule.Value);
    case 'NotEqual':
      return values.length > 0 && !values.includes(rule.Value);
    case 'Contains':
      return values.some((v) => v.includes(rule.Value));
    case 'StartsWith':
      return values.some((v) => v.startsWith(rule.Value));
  }
}

/** The roles a `Token` mapping offers: the token's `cognito:roles` (and SAML role attribute) and preferred role. */
function offeredRoles(claims: JWTPayload): string[] {
  const roles = [...stringsOf(claims['cognito:roles']), ...stringsOf(claims[SAML_ROLE_CLAIM])];
  const preferred = claims['cognito:preferred_role'];
  return typeof preferred === 'string' && !roles.includes(preferred) ? [...roles, preferred] : roles;
}

/** The role a mapping picks, or undefined when it cannot decide (ambiguous). */
function mappedRole(mapping: RoleMappingRecord, claims: JWTPayload): string | undefined {
  if (mapping.Type === 'Rules') {
    return mapping.RulesConfiguration?.Rules.find((rule) => ruleMatches(rule, claims))?.RoleARN;
  }
  const preferred = claims['cognito:preferred_role'];
  if (typeof preferred === 'string') return preferred;
  const roles = offeredRoles(claims);
  return roles.length === 1 ? roles[0] : undefined;
}

/**
 * `CustomRoleArn` can only pick a role the identity could get anyway: one the token of a `Token`
 * mapping offers, or the role the pool would choose. Anything else is refused, never silently replaced.
 */
function refuseCustomRole(customRoleArn: string): never {
  throw notAuthorized(
    `The CustomRoleArn ${customRoleArn} is not a role this identity may assume: the token and the role mapping do not offer it.`,
  );
}

export function chooseRole(
  pool: PoolRecord,
  identity: IdentityRecord,
  logins: readonly VerifiedLogin[],
  customRoleArn?: string,
): string {
  const chosen = defaultChoice(pool, identity, logins, customRoleArn);
  if (customRoleArn !== undefined && customRoleArn !== chosen) refuseCustomRole(customRoleArn);
  return chosen;
}

function defaultChoice(
  pool: PoolRecord,
  identity: IdentityRecord,
  logins: readonly VerifiedLogin[],
  customRoleArn: string | undefined,
): string {
  const authenticated = Object.keys(identity.logins).length > 0 || identity.developerUserIds.length > 0;
  if (!authenticated) {
    const role = pool.roles.unauthenticated;
    if (role === undefined) throw invalidIdentityPoolConfiguration();
    return role;
  }
  for (const login of logins) {
    const mapping = mappingFor(pool, login);
    if (!mapping) continue;
    const claims = login.claims ?? {};
    if (customRoleArn !== undefined && mapping.Type === 'Token') {
      if (offeredRoles(claims).includes(customRoleArn)) return customRoleArn;
      refuseCustomRole(customRoleArn);
    }
    const role = mappedRole(mapping, claims);
    if (role !== undefined) return role;
    if (mapping.AmbiguousRoleResolution === 'Deny') {
      throw notAuthorized('The ambiguous role mapping rules denied this request.');
    }
    break;
  }
  const role = pool.roles.authenticated;
  if (role === undefined) throw invalidIdentityPoolConfiguration();
  return role;
}

/** Checks a validated SetIdentityPoolRoles `RoleMappings` for what the shapes alone cannot say. */
export function checkRoleMappings(mappings: Record<string, RoleMappingRecord>): void {
  for (const [provider, mapping] of Object.entries(mappings)) {
    if (mapping.AmbiguousRoleResolution === undefined) {
      throw invalidParameter(
        `AmbiguousRoleResolution must be specified for the role mapping of ${provider}.`,
      );
    }
    if (mapping.Type === 'Rules' && !mapping.RulesConfiguration) {
      throw invalidParameter(`RulesConfiguration must be specified for Rules mappings (${provider}).`);
    }
  }
}
