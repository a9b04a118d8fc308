// Bundle entry: an app that uses only aws-amplify's Hub.
import { Hub } from 'aws-amplify/utils';

const stop = Hub.listen('app', (capsule) => console.log(capsule.payload.event));
Hub.dispatch('app', { event: 'ready' });
stop();
