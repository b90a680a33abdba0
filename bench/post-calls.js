// Posts N finished calls (the peers' body shape, unique call ids "<prefix>-<i>") to one or more Aftercall servers,
// round-robin, at a fixed concurrency, retrying a post whose server is down (a kill) on the next server. Prints one
// JSON line: {"sent", "answers": {"202": n, ...}, "retried_posts", "seconds"}.
// Usage: TOKEN=... [TRANSCRIPT_BYTES=0] node post-calls.js <N> <concurrency> <prefix> <port>[,<port>...]
// TRANSCRIPT_BYTES > 0 adds a transcript of about that many bytes: turns of agent and user, words drawn from a small
// vocabulary by a generator seeded with the call's number, so calls differ and compress like conversation (a real
// call's transcript is several KB; the peers' body has none).
'use strict';
const http = require('http');
const [N, C, PREFIX, PORTS] = [+process.argv[2], +process.argv[3], process.argv[4], process.argv[5].split(',').map(Number)];
const agent = new http.Agent({keepAlive: true, maxSockets: C});
const answers = {}; let next = 0, retried = 0, rr = 0;
const started = Date.now();
const TRANSCRIPT_BYTES = +(process.env.TRANSCRIPT_BYTES || 0);
const WORDS = ('yes no maybe the a to and I you we your my our is are was be have can will would could should call ' +
  'back tomorrow today morning afternoon evening Monday Tuesday Friday appointment price plan offer discount ' +
  'interested not really sure thanks thank please help account number email address phone policy renewal ' +
  'payment card order delivery time weeks month year question about that this it what when where how why okay ' +
  'great perfect sorry hello hi calling from Aftercall insurance quote coverage home car family lead').split(' ');

function transcript(i) {
  let seed = i * 2654435761 % 4294967296;
  const random = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
  const turns = [];
  for (let bytes = 0, turn = 0; bytes < TRANSCRIPT_BYTES; turn++) {
    const words = Array.from({length: 6 + Math.floor(random() * 24)}, () => WORDS[Math.floor(random() * WORDS.length)]);
    const content = words.join(' ') + (random() < 0.3 ? '?' : '.');
    turns.push({role: turn % 2 ? 'user' : 'agent', content});
    bytes += content.length + 34; // with the turn's JSON around it
  }
  return turns;
}

function body(i) {
  return JSON.stringify({call_id: `${PREFIX}-${i}`, agent: 'bench', call_duration: 42, hangup_reason: 'NORMAL',
    post_call: {interested: true, customer_name: 'Asha'}, call_metadata: {lead_id: `L${i}`, sent_ms: Date.now()},
    ...(TRANSCRIPT_BYTES > 0 ? {transcript: transcript(i)} : {})});
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
