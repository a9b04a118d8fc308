/** Service errors answered on the wire as `{ __type, message }` with `x-amzn-ErrorType`. */

const STATUS_BY_NAME: Readonly<Record<string, number>> = {
  InternalErrorException: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  ServiceUnavailableException: 503,
  RequestEntityTooLargeException: 413,
};

/** HTTP status AWS uses for an error name: 500/503 for server faults, 400 for everything else. */
export function statusForErrorName(name: string): number {
  return STATUS_BY_NAME[name] ?? 400;
}

/** An error answered on the wire in the service's format: `name` is the Cognito error name (`x-amzn-ErrorType`). */
export class CognitoServiceError extends Error {
  /** The HTTP status of the answer (400, or 500/503 for server faults). */
  readonly status: number;

  constructor(name: string, message: string, status = statusForErrorName(name)) {
    super(message);
    this.name = name;
    this.status = status;
  }
}

export const invalidParameter = (message: string): CognitoServiceError =>
  new CognitoServiceError('InvalidParameterException', message);

export const notAuthorized = (message = 'Invalid login token.'): CognitoServiceError =>
  new CognitoServiceError('NotAuthorizedException', message);

export const resourceNotFound = (message: string): CognitoServiceError =>
  new CognitoServiceError('ResourceNotFoundException', message);

export const resourceConflict = (message: string): CognitoServiceError =>
  new CognitoServiceError('ResourceConflictException', message);

export const serializationError = (message: string): CognitoServiceError =>
  new CognitoServiceError('SerializationException', message);

export const unknownOperation = (): CognitoServiceError =>
  new CognitoServiceError('UnknownOperationException', 'The requested operation is not supported.');

export const missingAuthentication = (): CognitoServiceError =>
  new CognitoServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');

export const incompleteSignature = (): CognitoServiceError =>
  new CognitoServiceError(
    'IncompleteSignatureException',
    'Authorization header requires Credential, SignedHeaders and Signature.',
  );

export const internalError = (): CognitoServiceError =>
  new CognitoServiceError('InternalErrorException', 'An internal error occurred.');

/** Turns anything thrown by a handler into a service error; unexpected errors become InternalErrorException. */
export function toServiceError(error: unknown): CognitoServiceError {
  return error instanceof CognitoServiceError ? error : internalError();
}

export const invalidIdentityPoolConfiguration = (): CognitoServiceError =>
  new CognitoServiceError(
    'InvalidIdentityPoolConfigurationException',
    'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
  );

export const developerUserAlreadyRegistered = (): CognitoServiceError =>
  new CognitoServiceError(
    'DeveloperUserAlreadyRegisteredException',
    'The developer user identifier is already registered with a different identity.',
  );

export const invalidSignature = (message: string): CognitoServiceError =>
  new CognitoServiceError('InvalidSignatureException', message);

export const unrecognizedClient = (): CognitoServiceError =>
  new CognitoServiceError(
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );
