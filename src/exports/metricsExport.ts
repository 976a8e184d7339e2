import type { NamedCallbackMetrics } from '../ground/metricsByName';
import { requireString } from './luaCallbacks';

/** The export's body: every callback's figures, or one callback's (nothing when it has none). */
export function callbackMetricsExport(table: () => Record<string, NamedCallbackMetrics>): (name?: unknown) => unknown {
  return (name) => {
    if (name === undefined || name === null) return table();
    return table()[requireString(name, 'GetCallbackMetrics', 'name (argument 1)')];
  };
}
