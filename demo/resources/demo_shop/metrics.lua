-- Prints this machine's callback metrics (GetCallbackMetrics) as a table keyed by callback name: each call
-- counts once, as a success, a failure (timeouts among them) or cancelled by its caller.
function PrintCallbackMetrics()
    local metrics = exports.community_bridge:GetCallbackMetrics()
    local names = {}
    for name in pairs(metrics) do names[#names + 1] = name end
    table.sort(names)
    print(('%-20s %6s %9s %8s %8s %9s %8s'):format('callback', 'calls', 'successes', 'failures', 'timeouts', 'cancelled', 'p50 ms'))
    for _, name in ipairs(names) do
        local m = metrics[name]
        print(('%-20s %6d %9d %8d %8d %9d %8s'):format(name, m.calls, m.successes, m.failures, m.timeouts, m.cancelled, tostring(m.latency.p50 or '-')))
    end
end
