// A lazily loaded module of the user-pool side. It re-exports the runtime's `invoke` (always loaded
// before it) so that a bundler that splits code keeps every module of the runtime in one chunk, instead
// of splitting out the modules both sides use into more small chunks a federation would fetch too.
export * from '../operations/hostedUi/signOutWebUI.js';
export { invoke as runtimeInvoke } from './runtimeModule.js';
