import { processSingleton } from '../brand.js';
import { AmplifyClass } from './AmplifyClass.js';

/** The one `Amplify` of this process, shared by every loaded copy of `@plugboard/core`. */
export const Amplify: AmplifyClass = processSingleton('amplify.v1', () => new AmplifyClass());
