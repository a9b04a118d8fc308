// Helpers that the plugin's runtime and the code it loads later (user-pool calls, token refresh, the
// user-pool and hosted-UI operations) all use. That later code imports them from here, so a bundler that
// splits code puts them in one chunk instead of one small chunk each (each one a request).
export { secretHash } from './secretHash.js';
export { mapServiceError } from './mapServiceError.js';
export { decodeJwtClaims, earliestExpiry } from '../session/jwt.js';
