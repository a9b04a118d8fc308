import { processSingleton } from '../brand.js';
import { HubCategory } from './HubCategory.js';

/**
 * The process Hub, shared by every loaded copy of `@plugboard/core`; `Amplify.Hub` is this same
 * object. It lives in its own module so that an app importing only `Hub` does not bundle `Amplify`.
 */
export const Hub: HubCategory = processSingleton('hub.category.v1', () => new HubCategory());
