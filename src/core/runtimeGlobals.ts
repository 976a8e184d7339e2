/**
 * A side entry (`fxcallbacks/server`, `fxcallbacks/client`) runs only inside a FiveM script, where the CitizenFX
 * runtime provides its natives as globals. Imported anywhere else (Node, a jest test) it stops at once with one
 * error that names what is missing and where shared code should import from, instead of the first
 * `ReferenceError` a native call happens to raise.
 */
export function requireRuntimeGlobals(entry: string, runtime: string, names: readonly string[]): void {
  const scope = globalThis as Record<string, unknown>;
  const missing = names.filter((name) => typeof scope[name] !== 'function');
  if (missing.length === 0) return;
  const others = missing.length > 1 ? ` (and ${missing.length - 1} other CitizenFX natives)` : '';
  throw new Error(
    `${entry} runs inside a FiveM ${runtime} script, but \`${missing[0]}\`${others} is not defined here. ` +
      `Code shared with tests or with the other side imports contracts from 'fxcallbacks/contracts'; ` +
      `to run a resource outside FiveM, use the simulated world of 'fxcallbacks/testing'.`,
  );
}
