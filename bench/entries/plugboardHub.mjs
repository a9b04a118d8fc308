// Bundle entry: an app that uses only Plugboard's Hub.
import { Hub } from '@plugboard/core';

const token = Hub.subscribe('app', (event) => console.log(event.name));
Hub.publish('app', { name: 'ready' });
token.unsubscribe();
