-- wrk script: posts finished calls in the peers' body.json shape, each with a unique call id and the time it was
-- sent (call_metadata.sent_ms, wall clock in ms), which the bench flow forwards to the stub target so the target
-- can measure intake-to-target latency. Prints one JSON line with the intake figures.
-- TRANSCRIPT_BYTES > 0 adds a transcript of about that many bytes, one of 64 made at start (as bench/post-calls.js
-- makes them: agent and user turns of words from a small vocabulary), so that building bodies costs wrk nothing.
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } timeval;
  int gettimeofday(timeval *tv, void *tz);
]]
local tv = ffi.new("timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + math.floor(tonumber(tv.tv_usec) / 1000)
end

local run = os.getenv("RUN_ID") or tostring(os.time())
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local WORDS = {}
for word in string.gmatch("yes no maybe the a to and I you we your my our is are was be have can will would could " ..
    "should call back tomorrow today morning afternoon evening Monday Tuesday Friday appointment price plan offer " ..
    "discount interested not really sure thanks thank please help account number email address phone policy " ..
    "renewal payment card order delivery time weeks month year question about that this it what when where how " ..
    "why okay great perfect sorry hello hi calling from Aftercall insurance quote coverage home car family lead",
    "%S+") do
  WORDS[#WORDS + 1] = word
end
local function transcript(i, size)
  local seed = (i * 2654435761) % 4294967296
  local function random()
    seed = (seed * 1664525 + 1013904223) % 4294967296
    return seed / 4294967296
  end
  local turns, bytes, turn = {}, 0, 0
  while bytes < size do
    local words = {}
    for w = 1, 6 + math.floor(random() * 24) do words[w] = WORDS[math.floor(random() * #WORDS) + 1] end
    local content = table.concat(words, " ") .. (random() < 0.3 and "?" or ".")
    turns[#turns + 1] = string.format('{"role":"%s","content":"%s"}', turn % 2 == 1 and "user" or "agent", content)
    bytes, turn = bytes + #content + 34, turn + 1
  end
  return ',"transcript":[' .. table.concat(turns, ",") .. "]"
end
local TRANSCRIPTS = {}
local transcript_bytes = tonumber(os.getenv("TRANSCRIPT_BYTES") or "0")
for i = 1, 64 do TRANSCRIPTS[i] = transcript_bytes > 0 and transcript(i, transcript_bytes) or "" end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"call_id":"%s-%d","agent":"bench","call_duration":42,"hangup_reason":"NORMAL",' ..
    '"post_call":{"interested":true,"customer_name":"Asha"},"call_metadata":{"lead_id":"L%d","sent_ms":%d}%s}',
    run, counter, counter, now_ms(), TRANSCRIPTS[counter % 64 + 1])
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"duration_us\":%d,\"rps\":%.1f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"non2xx\":%d,\"err_connect\":%d,\"err_read\":%d,\"err_write\":%d,\"err_timeout\":%d}\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(99)/1000, latency.max/1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
