import { EventEmitter } from 'node:events';
const variant = process.argv[2];
class Sub { prev=null; next=null; active=true; constructor(bus,list,id,listener,filter){this.bus=bus;this.list=list;this.id=id;this.listener=listener;this.filter=filter;} }
function report(){}
function deliverA(list, event, limit) {
  for (let node = list.head; node !== null && node.id < limit; node = node.next) {
    if (!node.active) continue;
    try {
      if (node.filter === undefined || node.filter(event)) {
        const result = node.listener(event);
        if (result != null && typeof result.then === 'function') result.then(undefined, (e) => report(e));
      }
    } catch (error) { report(error); }
  }
}
function deliverB(list, event, limit) {
  let node = list.head;
  while (node !== null && node.id < limit) {
    if (node.active) {
      try {
        if (node.filter === undefined || node.filter(event)) {
          const result = node.listener(event);
          if (result !== undefined) check(result);
        }
      } catch (error) { report(error); }
    }
    node = node.next;
  }
}
function check(result){ if (result != null && typeof result.then === 'function') result.then(undefined, (e) => report(e)); }
function deliverE(list, event, limit) {
  for (let node = list.head; node !== null && node.id < limit; node = node.next) {
    if (!node.active) continue;
      if (node.filter === undefined || node.filter(event)) {
        const result = node.listener(event);
        if (result != null && typeof result.then === 'function') result.then(undefined, (e) => report(e));
      }
  }
}
function deliverF(list, event, limit) {
  const node = list.head;
  if (node !== null && node.next === null && node.id < limit && node.active && node.filter === undefined) {
    try { const result = node.listener(event); if (result !== undefined) check(result); } catch (error) { report(error); }
    return;
  }
  deliverA(list, event, limit);
}
const deliver = variant === 'B' ? deliverB : variant === 'E' ? deliverE : variant === 'F' ? deliverF : deliverA;
class Bus {
  channels = new Map(); dict = Object.create(null); nextId = 0; delivering = false; queue = []; unlinked = [];
  sub(ch, l, f) { let list = this.channels.get(ch); if (!list) { list = {name: ch, head: null, tail: null}; this.channels.set(ch, list); this.dict[ch] = list;} const s = new Sub(this, list, this.nextId++, l, f); if (list.tail===null) list.head=s; else {list.tail.next=s; s.prev=list.tail;} list.tail=s; return s; }
  publish(ch, ev) {
    const list = variant === 'D' ? this.dict[ch] : this.channels.get(ch);
    if (list === undefined) return;
    if (this.delivering) { this.queue.push(list, ev, this.nextId); return; }
    this.delivering = true;
    if (variant === 'C') { deliver(list, ev, this.nextId); this.delivering = false; return; }
    try { deliver(list, ev, this.nextId); if (this.queue.length > 0) this.drain(); }
    finally { this.delivering = false; if (this.queue.length > 0 || this.unlinked.length > 0) this.settle(); }
  }
  drain(){} settle(){}
}
const bus = new Bus();
const e = new EventEmitter();
function cpu(f, n) { const s = process.cpuUsage(); f(n); const u = process.cpuUsage(s); return (u.user + u.system) / 1000; }
let d = 0; bus.sub('c', () => void d++); e.on('c', () => void d++);
const hub = (n) => { for (let i = 0; i < n; i++) bus.publish('c', { name: 'tick', data: i }); };
const ev = (n) => { for (let i = 0; i < n; i++) e.emit('c', { name: 'tick', data: i }); };
const n = 2e6; const ratios = [];
for (let r = 0; r < 15; r++) { const a = cpu(hub, n), b = cpu(ev, n); if (r >= 3) ratios.push(b / a); }
ratios.sort((x, y) => x - y); console.log(variant, ratios[6].toFixed(2));
