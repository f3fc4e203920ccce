-- wrk script for load/search-load.sh: cycles through the request paths in a file (one per line, as
-- make-search-data --paths writes them), each thread starting at its own place, and prints one
-- machine-readable RESULT line at the end.
--
--   wrk -t2 -c32 -d10s -s search.lua http://127.0.0.1:PORT -- /path/to/q1.txt
--
-- With no file argument it requests "/" of the URL given to wrk (the /health run).

local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count * 7919)
  thread_count = thread_count + 1
end

local paths = {}
local position = 0

function init(args)
  if args[1] then
    for line in io.lines(args[1]) do
      if #line > 0 then paths[#paths + 1] = line end
    end
    assert(#paths > 0, "no request paths in " .. args[1])
  end
  position = offset or 0
end

function request()
  if #paths == 0 then return wrk.request() end
  position = position + 1
  return wrk.format("GET", paths[(position % #paths) + 1])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx3xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
