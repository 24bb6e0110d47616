-- wrk script of the LiveLoop benches: the request each connection sends, and a summary line in JSON.
--
--   wrk ... -s bench.lua <url> -- plain                     the URL as given (method GET, -H headers)
--   wrk ... -s bench.lua <url> -- reserve SKUS EXPIRES TAG  POST /internal/reservations, one SKU from the file
--                                                          SKUS (one id a line) at random, quantity 1, a new
--                                                          reservation id each time (TAG, thread, sequence)

local mode, skus, expires, tag
local seq = 0
local plain_request
local next_thread = 1

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  mode = args[1] or "plain"
  if mode == "reserve" then
    skus = {}
    for line in io.lines(args[2]) do
      if #line > 0 then skus[#skus + 1] = line end
    end
    expires = args[3]
    tag = args[4]
    math.randomseed(os.time() * 1000 + thread_no)
  else
    plain_request = wrk.format()
  end
end

function request()
  if mode ~= "reserve" then
    return plain_request
  end
  seq = seq + 1
  -- unique per run (TAG, 8 hex digits), per thread and per request: a version-4-shaped UUID
  local id = string.format("%s-%04x-4000-8000-%012x", tag, thread_no, seq)
  local sku = skus[math.random(1, #skus)]
  local body = '{"reservationId":"' .. id .. '","items":[{"skuId":"' .. sku .. '","quantity":1}],"expiresAt":"'
      .. expires .. '"}'
  return wrk.format("POST", "/internal/reservations", { ["Content-Type"] = "application/json" }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"durationUs":%d,"non2xx3xx":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,'
      .. '"timeouts":%d,"latencyMeanUs":%.1f,"latencyP50Us":%d,"latencyP90Us":%d,"latencyP95Us":%d,'
      .. '"latencyP99Us":%d,"latencyMaxUs":%d}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max))
end
