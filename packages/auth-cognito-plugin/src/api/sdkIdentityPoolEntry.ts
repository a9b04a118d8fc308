// The escape hatch's identity-pool code, loaded by `loadEscapeHatch()`. It re-exports the runtime's
// `invoke` (always loaded before it) so that a bundler that splits code keeps the runtime in one chunk.
export { SdkIdentityPoolService } from '../clients/identityPool/SdkIdentityPoolService.js';
export { invoke as runtimeInvoke } from './runtimeModule.js';
