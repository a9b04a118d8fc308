import { Hub } from '@plugboard/core';
import { EventEmitter } from 'node:events';
const e = new EventEmitter(); e.setMaxListeners(0);
const counts = (process.argv[2] ?? '1,10,100').split(',').map(Number);
function cpu(f, n) { const s = process.cpuUsage(); f(n); const u = process.cpuUsage(s); return (u.user + u.system) / 1000; }
for (const count of counts) {
  let d = 0;
  const ch = 'c' + count;
  for (let i = 0; i < count; i++) { Hub.subscribe(ch, () => void d++); e.on(ch, () => void d++); }
  const hub = (n) => { for (let i = 0; i < n; i++) Hub.publish(ch, { name: 'tick', data: i }); };
  const ev = (n) => { for (let i = 0; i < n; i++) e.emit(ch, { name: 'tick', data: i }); };
  const n = Math.round(2e6 / count);
  const ratios = []; let th = 0, te = 0;
  for (let r = 0; r < 15; r++) { const a = cpu(hub, n), b = cpu(ev, n); if (r >= 3) { ratios.push(b / a); th += a; te += b; } }
  ratios.sort((x, y) => x - y);
  console.log(count, 'hub M/s', (n * 12 / th / 1000).toFixed(1), 'events M/s', (n * 12 / te / 1000).toFixed(1), 'ratio med', ratios[6].toFixed(2), ratios[2].toFixed(2), ratios[9].toFixed(2));
}
