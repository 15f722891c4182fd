-- wrk driver for POST /api/v1/task-suggestions/{id}/accept that sends every suggestion id
-- at most once, so each request accepts a pending suggestion (the work being measured).
-- Args (after `--`): a path prefix; thread n reads "<prefix>.<n>", one "<api key> <id>" a
-- line (the key of the suggestion's owner). bench/tasks.ts writes one disjoint list per
-- thread; a thread's connections share its Lua state on one event loop and take the next
-- line in turn, so no id is sent twice. A 409 (already decided) would mean a repeat: it
-- counts as an error like any status >= 400, and is also reported on its own.
-- A thread whose list runs out stops (thread:stop()); wrk still waits out -d, so the
-- caller takes req/s from elsewhere when "exhausted" is set.
-- done() prints the BENCH_JSON line (wrk_common.report) plus these counters.

-- The shared pieces sit beside this script (bench/lib/wrk_common.lua); wrk may run from any folder.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("wrk_common")

setup = common.setup

-- Globals, not locals: done() reads them from each thread with thread:get().
issued, conflicts, others, exhausted, listed = 0, 0, 0, 0, 0
local items = {}
local skip_verify = false
local JSON = { ["Content-Type"] = "application/json" }

function init(args)
  for line in io.lines(args[1] .. "." .. tid) do
    local key, id = line:match("^(%S+) (%S+)$")
    if key then items[#items + 1] = { "Bearer " .. key, "/api/v1/task-suggestions/" .. id .. "/accept" } end
  end
  listed = #items
  -- wrk calls request() once on the first thread's state before the run, only to inspect
  -- the request (script_verify_request in wrk.c): that call must not use up an id.
  skip_verify = tid == 1
end

local function idle()
  return wrk.format("GET", "/api/v1/health")
end

function request()
  if skip_verify then
    skip_verify = false
    return idle()
  end
  if issued >= #items then
    -- The loop stops before this request's answer is read: it is never recorded.
    exhausted = 1
    wrk.thread:stop()
    return idle()
  end
  issued = issued + 1
  local item = items[issued]
  JSON["Authorization"] = item[1]
  return wrk.format("POST", item[2], JSON, "{}")
end

function response(status)
  if status == 409 then
    conflicts = conflicts + 1
  elseif status ~= 201 then
    others = others + 1
  end
end

function done(summary, latency)
  local extra = {}
  for _, name in ipairs({ "issued", "conflicts", "others", "exhausted", "listed" }) do
    extra[#extra + 1] = { name, common.sum(name) }
  end
  common.report(summary, latency, extra)
end
