-- wrk driver shared by every load phase.
-- Args (after `--`): mode ("post" | "get"), a file of API keys, a file of paths.
--   post: POSTs a JSON thought to the first path, content varied by a per-thread counter
--         so no layer can serve a repeat from a cache or dedupe it.
--   get:  GETs a random path from the file.
-- Each request carries a random key: the per-key rate limit stays far away and the
-- key-verification cache sees every user, as in real traffic.
-- done() prints one JSON line (latencies in microseconds) that bench/lib/wrk.ts parses,
-- because wrk's own summary has no p95.

local mode, keys, paths = "get", {}, {}
local counter = 0
local words = { "call", "meeting", "project", "idea", "budget", "garden", "review", "plan",
  "email", "book", "travel", "doctor", "deadline", "invoice", "design", "coffee", "team",
  "draft", "weekend", "release" }

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end

local function read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

function init(args)
  mode = args[1]
  keys = read_lines(args[2])
  paths = read_lines(args[3])
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. keys[math.random(#keys)] }
  if mode == "post" then
    counter = counter + 1
    local content = string.format("bench %d-%d: %s the %s before the %s %s", tid or 0, counter,
      words[math.random(#words)], words[math.random(#words)], words[math.random(#words)],
      words[math.random(#words)])
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", paths[1], headers, '{"content":"' .. content .. '","tags":["bench"]}')
  end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"p50":%d,"p75":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max))
end
