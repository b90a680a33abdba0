-- wrk script: the in-memory path, POST /api/v1/flows/{id}/test-run with a sample call (nothing persisted).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"call":{"call_id":"bench-test-run","call_duration":42,"hangup_reason":"NORMAL",' ..
  '"post_call":{"interested":true,"customer_name":"Asha"},"call_metadata":{"lead_id":"L1","sent_ms":0}}}'

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\":%d,\"duration_us\":%d,\"rps\":%.1f,\"p50_ms\":%.2f,\"p90_ms\":%.2f,\"p99_ms\":%.2f,\"max_ms\":%.2f,\"non2xx\":%d,\"err_connect\":%d,\"err_read\":%d,\"err_write\":%d,\"err_timeout\":%d}\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(99)/1000, latency.max/1000,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
