-- Written as for ox_lib: handlers return their values, and get the player's id first.
local garages = { [1] = { 'adder', 't20' }, [2] = { 'faggio' } }

lib.callback.register('garage:list', function(source, kind)
    return garages[source] or {}
end)
