/**
 * FiveM's vectors through the callbacks: a Lua `vector3`/`vector4`/`quat` reaches JavaScript as msgpack's ext value
 * (types 20 to 23), which FiveM's JS runtime does not unpack; the library passes it on as it came, so the Lua
 * handler or caller on the other side gets the vector back, as a Lua-to-Lua event would carry it.
 */
import { startShims, scriptErrors, useLua } from '../compat/support';

useLua();

test('vectors in the arguments and in the answer cross the exports intact, both directions', async () => {
  const { world, client, server } = startShims(
    [
      {
        name: 'garage',
        server: `
exports.fxcallbacks:RegisterServerCallback('garage:park', function(source, cb, spot, heading)
  cb(type(spot), spot + vector3(1.0, 0.0, 0.0), heading)
end)
function askClient(player)
  exports.fxcallbacks:TriggerClientCallback(player, 'garage:where', function(...) fromClient = table.pack(...) end, quat(1.0, 0.0, 0.0, 0.0))
end`,
        client: `
exports.fxcallbacks:RegisterClientCallback('garage:where', function(cb, rotation)
  cb(type(rotation), vector2(3.5, -2.0))
end)
CreateThread(function()
  parked = table.pack(exports.fxcallbacks:TriggerServerCallbackPromise('garage:park', vector3(10.5, 20.0, 30.25), vector4(1.0, 2.0, 3.0, 90.0)))
end)`,
      },
    ],
    { latency: 20 },
  );
  await world.advance(300);
  expect(client(0, 'garage').runAll(`return parked[1], parked[2] == vector3(11.5, 20.0, 30.25), type(parked[3]), parked[3].w`)).toEqual(['vector3', true, 'vector4', 90]);
  server('garage').run(`askClient(${world.clients[0]!.playerId})`);
  await world.advance(300);
  expect(server('garage').runAll(`return fromClient[1], type(fromClient[2]), fromClient[2].x, fromClient[2].y`)).toEqual(['quat', 'vector2', 3.5, -2]);
  expect(scriptErrors(world)).toEqual([]);
});
