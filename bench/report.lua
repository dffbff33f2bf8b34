-- wrk reporter: one JSON line with throughput, latency percentiles (ms) and errors, for bench/run.py to read.
-- BENCH_METHOD=POST with BENCH_BODIES="a|b" alternates request bodies (a status change, then its undo).
local method = os.getenv("BENCH_METHOD") or "GET"
local bodies = {}
for body in string.gmatch(os.getenv("BENCH_BODIES") or "", "[^|]+") do table.insert(bodies, body) end
local counter = 0

wrk.method = method
for header in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local name, value = string.match(header, "^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

request = function()
  if #bodies == 0 then return wrk.format() end
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, summary.errors.status))
end
