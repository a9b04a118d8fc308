/**
 * The constraint table: the input shapes of the Amazon Cognito Identity service model (API version
 * 2014-06-30, as published in the botocore model `cognito-identity/2014-06-30/service-2.json` and the
 * API reference's "Request Parameters" sections). Every request is checked against this table before
 * its handler runs; nothing else in the emulator checks lengths, patterns or ranges by hand.
 */

export type Shape =
  | {
      readonly type: 'string';
      readonly min?: number;
      readonly max?: number;
      readonly pattern?: string;
      readonly enum?: readonly string[];
      readonly sensitive?: boolean;
    }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'list'; readonly member: string; readonly min?: number; readonly max?: number }
  | {
      readonly type: 'map';
      readonly key: string;
      readonly value: string;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly type: 'structure';
      readonly members: Readonly<Record<string, string>>;
      readonly required?: readonly string[];
    };

/** Botocore shape name -> shape. Names and numbers are the model's. */
export const SHAPES: Readonly<Record<string, Shape>> = {
  ARNString: { type: 'string', min: 20, max: 2048 },
  AccountId: { type: 'string', min: 1, max: 15, pattern: '\\d+' },
  AmbiguousRoleResolutionType: { type: 'string', enum: ['AuthenticatedRole', 'Deny'] },
  ClaimName: { type: 'string', min: 1, max: 64, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' },
  ClaimValue: { type: 'string', min: 1, max: 128 },
  Boolean: { type: 'boolean' },
  CognitoIdentityProviderClientId: { type: 'string', min: 1, max: 128, pattern: '[\\w_]+' },
  CognitoIdentityProviderName: { type: 'string', min: 1, max: 128, pattern: '[\\w._:/-]+' },
  DeveloperProviderName: { type: 'string', min: 1, max: 128, pattern: '[\\w._-]+' },
  DeveloperUserIdentifier: { type: 'string', min: 1, max: 1024 },
  IdentityId: { type: 'string', min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' },
  IdentityIdList: { type: 'list', member: 'IdentityId', min: 1, max: 60 },
  IdentityPoolId: { type: 'string', min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' },
  IdentityPoolName: { type: 'string', min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' },
  IdentityPoolTagsListType: { type: 'list', member: 'TagKeysType' },
  IdentityPoolTagsType: { type: 'map', key: 'TagKeysType', value: 'TagValueType' },
  IdentityProviderId: { type: 'string', min: 1, max: 128, pattern: '[\\w.;_/-]+' },
  IdentityProviderName: { type: 'string', min: 1, max: 128 },
  IdentityProviderToken: { type: 'string', min: 1, max: 50000, sensitive: true },
  IdentityProviders: { type: 'map', key: 'IdentityProviderName', value: 'IdentityProviderId', max: 10 },
  LoginsList: { type: 'list', member: 'IdentityProviderName' },
  LoginsMap: { type: 'map', key: 'IdentityProviderName', value: 'IdentityProviderToken', max: 10 },
  MappingRuleMatchType: { type: 'string', enum: ['Equals', 'Contains', 'StartsWith', 'NotEqual'] },
  MappingRulesList: { type: 'list', member: 'MappingRule', min: 1, max: 400 },
  OIDCProviderList: { type: 'list', member: 'ARNString' },
  PaginationKey: { type: 'string', min: 1, max: 65535, pattern: '[\\S]+' },
  PrincipalTagID: { type: 'string', min: 1, max: 128 },
  PrincipalTagValue: { type: 'string', min: 1, max: 256 },
  PrincipalTags: { type: 'map', key: 'PrincipalTagID', value: 'PrincipalTagValue', max: 50 },
  QueryLimit: { type: 'integer', min: 1, max: 60 },
  RoleMappingMap: { type: 'map', key: 'IdentityProviderName', value: 'RoleMapping', max: 10 },
  RoleMappingType: { type: 'string', enum: ['Token', 'Rules'] },
  RoleType: { type: 'string', min: 1, max: 128, pattern: '(un)?authenticated' },
  RolesMap: { type: 'map', key: 'RoleType', value: 'ARNString', max: 2 },
  SAMLProviderList: { type: 'list', member: 'ARNString' },
  TagKeysType: { type: 'string', min: 1, max: 128 },
  TagValueType: { type: 'string', min: 0, max: 256 },
  TokenDuration: { type: 'integer', min: 1, max: 86400 },
  CognitoIdentityProvider: {
    type: 'structure',
    members: {
      ProviderName: 'CognitoIdentityProviderName',
      ClientId: 'CognitoIdentityProviderClientId',
      ServerSideTokenCheck: 'Boolean',
    },
  },
  CognitoIdentityProviderList: { type: 'list', member: 'CognitoIdentityProvider' },
  MappingRule: {
    type: 'structure',
    members: {
      Claim: 'ClaimName',
      MatchType: 'MappingRuleMatchType',
      Value: 'ClaimValue',
      RoleARN: 'ARNString',
    },
    required: ['Claim', 'MatchType', 'Value', 'RoleARN'],
  },
  RulesConfigurationType: { type: 'structure', members: { Rules: 'MappingRulesList' }, required: ['Rules'] },
  RoleMapping: {
    type: 'structure',
    members: {
      Type: 'RoleMappingType',
      AmbiguousRoleResolution: 'AmbiguousRoleResolutionType',
      RulesConfiguration: 'RulesConfigurationType',
    },
    required: ['Type'],
  },
};

const POOL_MEMBERS = {
  IdentityPoolName: 'IdentityPoolName',
  AllowUnauthenticatedIdentities: 'Boolean',
  AllowClassicFlow: 'Boolean',
  SupportedLoginProviders: 'IdentityProviders',
  DeveloperProviderName: 'DeveloperProviderName',
  OpenIdConnectProviderARNs: 'OIDCProviderList',
  CognitoIdentityProviders: 'CognitoIdentityProviderList',
  SamlProviderARNs: 'SAMLProviderList',
  IdentityPoolTags: 'IdentityPoolTagsType',
};

/** Operation name -> its input structure (botocore `<Operation>Input`; UpdateIdentityPool takes `IdentityPool`). */
export const OPERATION_INPUTS: Readonly<Record<string, Extract<Shape, { type: 'structure' }>>> = {
  CreateIdentityPool: {
    type: 'structure',
    members: POOL_MEMBERS,
    required: ['IdentityPoolName', 'AllowUnauthenticatedIdentities'],
  },
  UpdateIdentityPool: {
    type: 'structure',
    members: { IdentityPoolId: 'IdentityPoolId', ...POOL_MEMBERS },
    required: ['IdentityPoolId', 'IdentityPoolName', 'AllowUnauthenticatedIdentities'],
  },
  DeleteIdentities: {
    type: 'structure',
    members: { IdentityIdsToDelete: 'IdentityIdList' },
    required: ['IdentityIdsToDelete'],
  },
  DeleteIdentityPool: {
    type: 'structure',
    members: { IdentityPoolId: 'IdentityPoolId' },
    required: ['IdentityPoolId'],
  },
  DescribeIdentity: { type: 'structure', members: { IdentityId: 'IdentityId' }, required: ['IdentityId'] },
  DescribeIdentityPool: {
    type: 'structure',
    members: { IdentityPoolId: 'IdentityPoolId' },
    required: ['IdentityPoolId'],
  },
  GetCredentialsForIdentity: {
    type: 'structure',
    members: { IdentityId: 'IdentityId', Logins: 'LoginsMap', CustomRoleArn: 'ARNString' },
    required: ['IdentityId'],
  },
  GetId: {
    type: 'structure',
    members: { AccountId: 'AccountId', IdentityPoolId: 'IdentityPoolId', Logins: 'LoginsMap' },
    required: ['IdentityPoolId'],
  },
  GetIdentityPoolRoles: {
    type: 'structure',
    members: { IdentityPoolId: 'IdentityPoolId' },
    required: ['IdentityPoolId'],
  },
  GetOpenIdToken: {
    type: 'structure',
    members: { IdentityId: 'IdentityId', Logins: 'LoginsMap' },
    required: ['IdentityId'],
  },
  GetOpenIdTokenForDeveloperIdentity: {
    type: 'structure',
    members: {
      IdentityPoolId: 'IdentityPoolId',
      IdentityId: 'IdentityId',
      Logins: 'LoginsMap',
      PrincipalTags: 'PrincipalTags',
      TokenDuration: 'TokenDuration',
    },
    required: ['IdentityPoolId', 'Logins'],
  },
  GetPrincipalTagAttributeMap: {
    type: 'structure',
    members: { IdentityPoolId: 'IdentityPoolId', IdentityProviderName: 'IdentityProviderName' },
    required: ['IdentityPoolId', 'IdentityProviderName'],
  },
  ListIdentities: {
    type: 'structure',
    members: {
      IdentityPoolId: 'IdentityPoolId',
      MaxResults: 'QueryLimit',
      NextToken: 'PaginationKey',
      HideDisabled: 'Boolean',
    },
    required: ['IdentityPoolId', 'MaxResults'],
  },
  ListIdentityPools: {
    type: 'structure',
    members: { MaxResults: 'QueryLimit', NextToken: 'PaginationKey' },
    required: ['MaxResults'],
  },
  ListTagsForResource: {
    type: 'structure',
    members: { ResourceArn: 'ARNString' },
    required: ['ResourceArn'],
  },
  LookupDeveloperIdentity: {
    type: 'structure',
    members: {
      IdentityPoolId: 'IdentityPoolId',
      IdentityId: 'IdentityId',
      DeveloperUserIdentifier: 'DeveloperUserIdentifier',
      MaxResults: 'QueryLimit',
      NextToken: 'PaginationKey',
    },
    required: ['IdentityPoolId'],
  },
  MergeDeveloperIdentities: {
    type: 'structure',
    members: {
      SourceUserIdentifier: 'DeveloperUserIdentifier',
      DestinationUserIdentifier: 'DeveloperUserIdentifier',
      DeveloperProviderName: 'DeveloperProviderName',
      IdentityPoolId: 'IdentityPoolId',
    },
    required: [
      'SourceUserIdentifier',
      'DestinationUserIdentifier',
      'DeveloperProviderName',
      'IdentityPoolId',
    ],
  },
  SetIdentityPoolRoles: {
    type: 'structure',
    members: { IdentityPoolId: 'IdentityPoolId', Roles: 'RolesMap', RoleMappings: 'RoleMappingMap' },
    required: ['IdentityPoolId', 'Roles'],
  },
  SetPrincipalTagAttributeMap: {
    type: 'structure',
    members: {
      IdentityPoolId: 'IdentityPoolId',
      IdentityProviderName: 'IdentityProviderName',
      UseDefaults: 'Boolean',
      PrincipalTags: 'PrincipalTags',
    },
    required: ['IdentityPoolId', 'IdentityProviderName'],
  },
  TagResource: {
    type: 'structure',
    members: { ResourceArn: 'ARNString', Tags: 'IdentityPoolTagsType' },
    required: ['ResourceArn', 'Tags'],
  },
  UnlinkDeveloperIdentity: {
    type: 'structure',
    members: {
      IdentityId: 'IdentityId',
      IdentityPoolId: 'IdentityPoolId',
      DeveloperProviderName: 'DeveloperProviderName',
      DeveloperUserIdentifier: 'DeveloperUserIdentifier',
    },
    required: ['IdentityId', 'IdentityPoolId', 'DeveloperProviderName', 'DeveloperUserIdentifier'],
  },
  UnlinkIdentity: {
    type: 'structure',
    members: { IdentityId: 'IdentityId', Logins: 'LoginsMap', LoginsToRemove: 'LoginsList' },
    required: ['IdentityId', 'Logins', 'LoginsToRemove'],
  },
  UntagResource: {
    type: 'structure',
    members: { ResourceArn: 'ARNString', TagKeys: 'IdentityPoolTagsListType' },
    required: ['ResourceArn', 'TagKeys'],
  },
};
