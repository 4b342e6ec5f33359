-- wrk script for scripts/bench-forum: each request asks a random path of PATHS_FILE as a signed-in
-- member (the Cookie header COOKIE: the session `sankofa forum-generate` made).
--
--   wrk -t2 -c4 -d20s -s scripts/data/wrk-forum.lua http://127.0.0.1:PORT -- 'sankofa_session=…' thread-paths.txt
--
-- done() prints a human-readable summary and one machine-readable line:
--   BENCH p50_ms=… p95_ms=… p99_ms=… rps=… requests=… non2xx=… socket_errors=… statuses=CODE:N,…

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local paths = {}
local cookie = ""
non2xx = 0
statuses = {}

function init(args)
  cookie = args[1] or error("wrk-forum.lua: give the cookie, then the paths file")
  local file = args[2] or error("wrk-forum.lua: give the paths file after the cookie")
  for line in io.lines(file) do
    if #line > 0 then table.insert(paths, line) end
  end
  if #paths == 0 then error("wrk-forum.lua: no paths in " .. file) end
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], { ["Cookie"] = cookie })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total_non2xx, by_status = 0, {}
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + (thread:get("non2xx") or 0)
    local s = thread:get("statuses")
    if s then
      for code, n in pairs(s) do by_status[code] = (by_status[code] or 0) + n end
    end
  end
  local codes = {}
  for code, n in pairs(by_status) do table.insert(codes, code .. ":" .. n) end
  table.sort(codes)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  local rps = seconds > 0 and summary.requests / seconds or 0
  local p50, p95, p99 = latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000
  io.write(string.format("  latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms; %d requests, %.1f req/s; non-2xx %d; socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
    p50, p95, p99, latency.max / 1000, summary.requests, rps, total_non2xx, socket_errors, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("BENCH p50_ms=%.3f p95_ms=%.3f p99_ms=%.3f rps=%.1f requests=%d non2xx=%d socket_errors=%d statuses=%s\n",
    p50, p95, p99, rps, summary.requests, total_non2xx, socket_errors, #codes > 0 and table.concat(codes, ",") or "-"))
end
