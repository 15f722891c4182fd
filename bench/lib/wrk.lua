-- wrk driver shared by every load phase.
-- Args (after `--`): mode ("post" | "get"), a file of API keys, a file of paths.
--   post: POSTs a JSON thought to the first path, content varied by a per-thread counter
--         so no layer can serve a repeat from a cache or dedupe it.
--   get:  GETs a random path from the file.
-- Each request carries a random key: the per-key rate limit stays far away and the
-- key-verification cache sees every user, as in real traffic.
-- done() prints the BENCH_JSON line that bench/lib/wrk.ts parses (wrk_common.report).

-- The shared pieces sit beside this script (bench/lib/wrk_common.lua); wrk may run from any folder.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("wrk_common")

local mode, keys, paths = "get", {}, {}
local counter = 0
local words = { "call", "meeting", "project", "idea", "budget", "garden", "review", "plan",
  "email", "book", "travel", "doctor", "deadline", "invoice", "design", "coffee", "team",
  "draft", "weekend", "release" }

setup = common.setup

function init(args)
  mode, keys, paths = common.init(args)
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

function done(summary, latency)
  common.report(summary, latency)
end
