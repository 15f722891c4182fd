-- wrk driver for POST /mcp: one JSON-RPC tools/call per request (stateless server, no session).
-- Args (after `--`): tool ("capture_thought" | "search_thoughts"), a file of API keys, a file of
-- search words. capture varies its content per request so nothing can be served from a cache;
-- search picks a random word. A tool error (HTTP 200 with "isError":true) is counted apart
-- and reported as a failure: wrk alone would take it for a success.
-- done() prints the BENCH_JSON line (wrk_common.report) plus tool_errors.

-- The shared pieces sit beside this script (bench/lib/wrk_common.lua); wrk may run from any folder.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("wrk_common")

local tool, keys, words = "search_thoughts", {}, {}
local counter = 0
-- A global, not a local: done() sums it over the threads with thread:get().
tool_errors = 0

setup = common.setup

function init(args)
  tool, keys, words = common.init(args)
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

function done(summary, latency)
  common.report(summary, latency, { { "tool_errors", common.sum("tool_errors") } })
end
