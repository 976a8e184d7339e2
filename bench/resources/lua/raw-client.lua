-- Client script of the raw Lua transport: one net event per message, replies matched first in first out (the
-- server answers in order on a reliable link), the least any callback layer can do.
local waiting, head, tail = {}, 1, 0

RegisterNetEvent('bench:pong', function(payload)
  local p = waiting[head]
  waiting[head] = nil
  head = head + 1
  p:resolve(payload)
end)

function call()
  local p = promise.new()
  tail = tail + 1
  waiting[tail] = p
  TriggerServerEvent('bench:ping', PAYLOAD)
  return Citizen.Await(p)
end
