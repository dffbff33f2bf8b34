-- wrk reporter: one JSON line with throughput, latency percentiles (ms) and errors, for bench/run.py to read.
-- BENCH_METHOD=POST with BENCH_BODIES="a|b" alternates request bodies (a status change, then its undo);
-- BENCH_COOKIES="c1|c2|..." spreads the requests over several signed-in learners.
local method = os.getenv("BENCH_METHOD") or "GET"
local bodies = {}
for body in string.gmatch(os.getenv("BENCH_BODIES") or "", "[^|]+") do table.insert(bodies, body) end
local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do table.insert(cookies, cookie) end
local counter = 0
local threads = 0

-- Each thread starts at another place in the rotation, so two threads rarely change the same learner at once.
setup = function(thread)
  thread:set("offset", threads * 7)
  threads = threads + 1
end

wrk.method = method
for header in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local name, value = string.match(header, "^([^:]+):%s*(.*)$")
  if name then wrk.headers[name] = value end
end

-- With BENCH_COOKIES, request n goes as learner n mod #cookies, and each learner alternates the bodies, so many
-- learners change their own progress at once, as on a real site.
request = function()
  if #bodies == 0 then return wrk.format() end
  counter = counter + 1
  local n = counter + (offset or 0)
  if #cookies == 0 then return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1]) end
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Cookie"] = cookies[(n % #cookies) + 1]
  local round = math.floor(n / #cookies)
  return wrk.format(nil, nil, headers, bodies[(round % #bodies) + 1])
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, "errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors, summary.errors.status))
end
