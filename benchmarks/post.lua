-- wrk: editors posting updates of about 400 bytes, in turn to each of TIMELINES timelines named PREFIX0, PREFIX1...
-- Every answer's sequence is kept, and at the end the last one of each timeline is written to LAST_FILE as
-- "timeline sequence" lines: what the projection must show before it has caught up.
local prefix = os.getenv("PREFIX") or "t"
local count = tonumber(os.getenv("TIMELINES") or "1")
local threads = {}

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic ZWRpdG9yOmVkaXRvcg==" -- editor:editor
wrk.body = '{"headline":"A live update from the count","keyEvent":false,"blocks":[{"type":"paragraph","text":"'
  .. "Turnout is up on the last election in every ward counted so far, and the returning officer expects the "
  .. "first result before two o'clock. Candidates are arriving at the hall; the count of postal votes has "
  .. "begun and party agents are watching every table, as they always do on a close night like this one."
  .. '"}]}'

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  last = {}
  n = id
end

function request()
  n = n + 1
  return wrk.format(nil, "/api/timelines/" .. prefix .. (n % count) .. "/updates")
end

function response(status, headers, body)
  if status == 201 then
    local timeline, sequence = string.match(body, '"timelineId":"([^"]+)".-"sequence":(%d+)')
    sequence = tonumber(sequence)
    if timeline and (last[timeline] == nil or sequence > last[timeline]) then last[timeline] = sequence end
  end
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for timeline, sequence in pairs(thread:get("last")) do
      if merged[timeline] == nil or sequence > merged[timeline] then merged[timeline] = sequence end
    end
  end
  -- written aside, then renamed: whoever waits for LAST_FILE finds it whole, its time that of the end of the run
  local out = io.open(os.getenv("LAST_FILE") .. ".part", "w")
  for timeline, sequence in pairs(merged) do out:write(timeline .. " " .. sequence .. "\n") end
  out:close()
  os.rename(os.getenv("LAST_FILE") .. ".part", os.getenv("LAST_FILE"))
  io.write(string.format("latency.p50_ms=%.2f\nlatency.p99_ms=%.2f\nnon_2xx=%d\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
