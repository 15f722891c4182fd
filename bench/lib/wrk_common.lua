-- What every wrk driver here shares (wrk.lua, wrk-mcp.lua, wrk-accept.lua load it with
-- require): numbering the threads, reading argument files, seeding each thread's random
-- numbers apart, and the one BENCH_JSON line that bench/lib/wrk.ts parses (wrk's own summary
-- has no p95). A driver loads it first thing:
--   package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
--   local common = require("wrk_common")

local common = {}

-- wrk calls setup() and done() on one Lua state of its own, and init()/request()/response()
-- on each thread's: only setup() and done() see this list.
local threads = {}

-- Gives each thread a number, `tid` (1, 2, ...), as a global of its state.
function common.setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

-- The non-empty lines of a file.
function common.read_lines(file)
  local lines = {}
  for line in io.lines(file) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

-- init() of the drivers whose arguments are (a word, a file of API keys, a file of lines):
-- returns the word and both files' lines, and seeds this thread's random numbers.
function common.init(args)
  -- Threads start in the same second: without `tid`, they would draw the same numbers.
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  return args[1], common.read_lines(args[2]), common.read_lines(args[3])
end

-- A counter a driver keeps as a global in each thread's state, summed over all threads.
function common.sum(name)
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get(name) or 0) end
  return total
end

-- Prints the BENCH_JSON line (latencies in microseconds); `extra` is a list of
-- { name, whole number } pairs a driver adds after wrk's own figures.
function common.report(summary, latency, extra)
  local e = summary.errors
  local line = string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"p50":%d,"p75":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max)
  for _, field in ipairs(extra or {}) do
    line = line .. string.format(',"%s":%d', field[1], field[2])
  end
  io.write(line .. "}\n")
end

return common
