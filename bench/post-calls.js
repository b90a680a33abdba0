// Posts N finished calls (the peers' body shape, unique call ids "<prefix>-<i>") to one or more Aftercall servers,
// round-robin, at a fixed concurrency, retrying a post whose server is down (a kill) on the next server. Prints one
// JSON line: {"sent", "answers": {"202": n, ...}, "retried_posts", "seconds"}.
// Usage: TOKEN=... node post-calls.js <N> <concurrency> <prefix> <port>[,<port>...]
'use strict';
const http = require('http');
const [N, C, PREFIX, PORTS] = [+process.argv[2], +process.argv[3], process.argv[4], process.argv[5].split(',').map(Number)];
const agent = new http.Agent({keepAlive: true, maxSockets: C});
const answers = {}; let next = 0, retried = 0, rr = 0;
const started = Date.now();

function body(i) {
  return JSON.stringify({call_id: `${PREFIX}-${i}`, agent: 'bench', call_duration: 42, hangup_reason: 'NORMAL',
    post_call: {interested: true, customer_name: 'Asha'}, call_metadata: {lead_id: `L${i}`, sent_ms: Date.now()}});
}
function post(i, tries) {
  return new Promise((resolve) => {
    const port = PORTS[rr++ % PORTS.length];
    const data = body(i);
    const req = http.request({host: '127.0.0.1', port, path: '/api/v1/calls', method: 'POST', agent, timeout: 10000,
      headers: {'Content-Type': 'application/json', 'Authorization': `Bearer ${process.env.TOKEN}`, 'Content-Length': Buffer.byteLength(data)}},
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', () => resolve(0));
    req.on('timeout', () => { req.destroy(); });
    req.end(data);
  }).then((status) => {
    if ((status === 0 || status >= 500) && tries < 50) { retried++; return new Promise((r) => setTimeout(r, 200)).then(() => post(i, tries + 1)); }
    answers[status] = (answers[status] || 0) + 1;
  });
}
async function worker() { while (next < N) { const i = ++next; await post(i, 0); } }
Promise.all(Array.from({length: C}, worker)).then(() => {
  console.log(JSON.stringify({sent: N, answers, retried_posts: retried, seconds: (Date.now() - started) / 1000}));
  agent.destroy();
});
