import { EventEmitter } from 'node:events';
import { Hub } from '@plugboard/core';
const which = process.argv[2];
const e = new EventEmitter();
let d = 0; Hub.subscribe('c', () => void d++); e.on('c', () => void d++);
const hub = (n) => { for (let i = 0; i < n; i++) Hub.publish('c', { name: 'tick', data: i }); };
const ev = (n) => { for (let i = 0; i < n; i++) e.emit('c', { name: 'tick', data: i }); };
const f = which === 'hub' ? hub : ev;
for (let r = 0; r < 10; r++) f(2e6);
