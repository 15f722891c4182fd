-- wrk driver for POST /mcp: one JSON-RPC tools/call per request (stateless server, no session).
-- Args (after `--`): tool ("capture_thought" | "search_thoughts"), a file of API keys, a file of
-- search words. capture varies its content per request so nothing can be served from a cache;
-- search picks a random word. A tool error (HTTP 200 with "isError":true) is counted apart
-- and reported as a failure: wrk alone would take it for a success.
-- done() prints wrk.lua's BENCH_JSON line plus tool_errors.

local tool, keys, words = "search_thoughts", {}, {}
local counter = 0
local threads = {}
tool_errors = 0

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

local function read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

function init(args)
  tool = args[1]
  keys = read_lines(args[2])
  words = read_lines(args[3])
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  counter = counter + 1
  local headers = {
    ["Authorization"] = "Bearer " .. keys[math.random(#keys)],
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
  }
  local arguments
  if tool == "capture_thought" then
    arguments = string.format('{"content":"bench mcp %d-%d: %s the %s before the %s"}', tid or 0, counter,
      words[math.random(#words)], words[math.random(#words)], words[math.random(#words)])
  else
    arguments = string.format('{"query":"%s","limit":10}', words[math.random(#words)])
  end
  local body = string.format('{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}',
    counter, tool, arguments)
  return wrk.format("POST", "/mcp", headers, body)
end

function response(status, headers, body)
  if status == 200 and body:find('"isError":true', 1, true) then tool_errors = tool_errors + 1 end
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = 0
  for _, thread in ipairs(threads) do errors = errors + (thread:get("tool_errors") or 0) end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"p50":%d,"p75":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d,"tool_errors":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, errors))
end
