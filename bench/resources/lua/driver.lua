-- Client script of every Lua benchmark resource, loaded before the layer's own: drives calls from inside the Lua
-- state. `bench_run(total, concurrency)` starts `concurrency` threads, each making calls one after another
-- through the layer's global `call()` until `total` were made, then prints 'bench:done' (the host waits for it).
PAYLOAD = { account = 'bank', amount = 250 }
local issued, finished = 0, 0

function bench_run(total, concurrency)
  issued, finished = 0, 0
  local threads = math.min(concurrency, total)
  for _ = 1, threads do
    Citizen.CreateThreadNow(function()
      while issued < total do
        issued = issued + 1
        call()
      end
      finished = finished + 1
      if finished == threads then print('bench:done') end
    end)
  end
end
