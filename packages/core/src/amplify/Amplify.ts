import { processSingleton } from '../brand.js';
import type { HubCategory } from '../hub/HubCategory.js';
import { AmplifyClass } from './AmplifyClass.js';

/** The one `Amplify` of this process, shared by every loaded copy of `@plugboard/core`. */
export const Amplify: AmplifyClass = processSingleton('amplify.v1', () => new AmplifyClass());

/** The process Hub; the same object as `Amplify.Hub`. */
export const Hub: HubCategory = Amplify.Hub;
