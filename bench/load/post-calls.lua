-- wrk script: posts finished calls in the peers' body.json shape, each with a unique call id and the time it was
-- sent (call_metadata.sent_ms, wall clock in ms), which the bench flow forwards to the stub target so the target
-- can measure intake-to-target latency. Prints one JSON line with the intake figures.
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

request = function()
  counter = counter + 1
  local body = string.format(
    '{"call_id":"%s-%d","agent":"bench","call_duration":42,"hangup_reason":"NORMAL",' ..
    '"post_call":{"interested":true,"customer_name":"Asha"},"call_metadata":{"lead_id":"L%d","sent_ms":%d}}',
    run, counter, counter, now_ms())
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"duration_us\":%d,\"rps\":%.1f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"non2xx\":%d,\"err_connect\":%d,\"err_read\":%d,\"err_write\":%d,\"err_timeout\":%d}\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(99)/1000, latency.max/1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
