-- wrk: each of COUNT timelines named PREFIX0, PREFIX1... touched once, the threads taking every THREADSth; a thread
-- stops when its share is answered (its other connections' last requests repeat the last timeline) and leaves a
-- file in DONE_DIR. MODE=open opens them through the command API, MODE=read reads each one's latest
-- page from the query service.
local prefix = os.getenv("PREFIX") or "archive-"
local count = tonumber(os.getenv("COUNT") or "100000")
local open = os.getenv("MODE") == "open"
local threads = tonumber(os.getenv("THREADS") or "2")
local counter = 0

function setup(thread)
  thread:set("first", counter)
  counter = counter + 1
end

function init(args)
  n = first
  answered = 0
  share = math.floor((count - 1 - first) / threads) + 1
end

function request()
  local id = prefix .. math.min(n, count - 1)
  n = n + threads
  if open then
    return wrk.format("POST", "/api/timelines", {["Content-Type"] = "application/json",
      ["Authorization"] = "Basic ZWRpdG9yOmVkaXRvcg=="}, '{"id":"' .. id .. '","title":"From the archive"}')
  end
  return wrk.format("GET", "/api/timelines/" .. id)
end

function response(status, headers, body)
  answered = answered + 1
  if answered == share then
    -- wrk waits out its duration even once every thread stopped: tell the script, which stops it
    io.open(os.getenv("DONE_DIR") .. "/" .. first, "w"):close()
    wrk.thread:stop()
  end
end
