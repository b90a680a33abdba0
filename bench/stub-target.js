// A fast stub target on loopback for benchmarks and fault tests.
// Answers every request with {"id":"crm-123"} (like ../shared/bench/peers/crm/crm.js) and counts what it saw:
//   GET /__stats  -> {"requests": n, "keys": distinct Idempotency-Keys, "repeated_keys": keys seen more than once,
//                     "max_repeats": highest count for one key, "first_at": ms, "last_at": ms}
//   GET /__keys   -> {"<key>": count, ...}
//   GET /__latency -> {"count", "p50_ms", "p99_ms", "max_ms"}: end-to-end latency, the arrival time minus the
//                     "sent_ms" field of the request body (the load driver's send time, forwarded by the flow)
//   GET /__ok     -> {"accepted_keys", "accepted_repeated"}: keys answered 2xx, and those answered 2xx more than once
//   POST /__reset -> clears the counters
//   GET /__status/<code>, /__delay/<ms> -> change the answer from now on (outage tests)
//   Env: STUB_PORT (default 9100), STUB_STATUS (default 200) to answer e.g. 503, STUB_DELAY_MS to answer slowly.
'use strict';
const http = require('http');
const PORT = +(process.env.STUB_PORT || 9100);
let status = +(process.env.STUB_STATUS || 200);
let delayMs = +(process.env.STUB_DELAY_MS || 0);
const BODY = Buffer.from('{"id":"crm-123"}');
let requests = 0, firstAt = 0, lastAt = 0;
let keys = new Map();
let okKeys = new Map(); // keys answered with a 2xx: what a target actually accepted
const arrivals = []; // ms timestamps per request, for end-to-end latency, matched by key
let latencies = [];  // ms from the driver's send time (body.sent_ms) to arrival here

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.url === '/__stats') return json(res, stats());
    if (req.url === '/__keys') return json(res, Object.fromEntries(keys));
    if (req.url === '/__arrivals') return json(res, arrivals);
    if (req.url === '/__latency') return json(res, latency());
    if (req.url === '/__reset' && req.method === 'POST') { reset(); return json(res, {ok: true}); }
    if (req.url.startsWith('/__status/')) { status = +req.url.slice(10); return json(res, {status}); }
    if (req.url.startsWith('/__delay/')) { delayMs = +req.url.slice(9); return json(res, {delay_ms: delayMs}); }
    if (req.url === '/__ok') return json(res, okStats());
    const now = Date.now();
    requests++; if (!firstAt) firstAt = now; lastAt = now;
    const key = req.headers['idempotency-key'];
    if (key) {
      keys.set(key, (keys.get(key) || 0) + 1);
      if (arrivals.length < 2000000) arrivals.push([key, now]);
    }
    const sent = sentMs(chunks);
    if (sent > 0 && latencies.length < 5000000) latencies.push(now - sent);
    const answer = () => {
      if (res.destroyed || req.socket.destroyed) return; // the client gave up waiting (a timeout): nothing was accepted
      if (key && status < 300) okKeys.set(key, (okKeys.get(key) || 0) + 1);
      res.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': BODY.length});
      res.end(BODY);
    };
    delayMs ? setTimeout(answer, delayMs) : answer();
  });
});

function stats() {
  let repeated = 0, max = 0;
  for (const n of keys.values()) { if (n > 1) repeated++; if (n > max) max = n; }
  return {requests, keys: keys.size, repeated_keys: repeated, max_repeats: max, first_at: firstAt, last_at: lastAt};
}
function okStats() {
  let repeated = 0;
  for (const n of okKeys.values()) if (n > 1) repeated++;
  return {accepted_keys: okKeys.size, accepted_repeated: repeated};
}
function reset() { okKeys = new Map(); requests = 0; firstAt = 0; lastAt = 0; keys = new Map(); arrivals.length = 0; latencies = []; }
// The body's "sent_ms" (a number, or a number as text after templating), without parsing all of it.
function sentMs(chunks) {
  if (!chunks.length) return 0;
  const m = /"sent_ms"\s*:\s*"?(\d+)/.exec(Buffer.concat(chunks).toString('latin1'));
  return m ? +m[1] : 0;
}
function latency() {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
  return {count: sorted.length, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: sorted.length ? sorted[sorted.length - 1] : null};
}
function json(res, o) {
  const b = Buffer.from(JSON.stringify(o));
  res.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': b.length});
  res.end(b);
}
server.keepAliveTimeout = 65000;
server.listen(PORT, '127.0.0.1', () => console.log(`stub target on 127.0.0.1:${PORT} pid ${process.pid}`));
process.on('SIGTERM', () => process.exit(0));
