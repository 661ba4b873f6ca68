-- wrk script: every request carries the next access token of a list (one per line, the file named after "--"),
-- each thread starting at its own place in the list, as many users of one application would.
local tokens = {}
local next_token = 1

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = "Bearer " .. line
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  next_token = math.random(#tokens)
end

function request()
  next_token = next_token + 1
  if next_token > #tokens then
    next_token = 1
  end
  return wrk.format(nil, nil, { ["Authorization"] = tokens[next_token] })
end
