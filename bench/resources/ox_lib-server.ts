// Server script of a stand-in `ox_lib` resource. ox_lib's JavaScript callbacks (the npm package) rely on the
// ox_lib *resource* (Lua, not in the npm package) for two things: the `setValidCallback` export, which records
// which resource owns a callback name, and the `ox_lib:validateCallback` net event, sent before every call,
// which answers 'cb_invalid' when nobody registered the name. This is a JavaScript rendering of that part of
// ox_lib's resource/callback code, with the same checks, so that every ox_lib call does the same work and sends
// the same three events as on a real server.
const registeredCallbacks: Record<string, string> = {};
const resourceName = GetCurrentResourceName();

on('onResourceStop', (stopped: string) => {
  if (stopped === resourceName) return;
  for (const [name, owner] of Object.entries(registeredCallbacks)) if (owner === stopped) delete registeredCallbacks[name];
});

exports('setValidCallback', (callbackName: string, isValid: boolean) => {
  const owner = GetInvokingResource() || resourceName;
  const current = registeredCallbacks[callbackName];
  if (current) {
    if (!isValid) {
      delete registeredCallbacks[callbackName];
      return;
    }
    if (current === owner) return;
    throw new Error(`cannot overwrite callback '${callbackName}' owned by resource '${current}'`);
  }
  registeredCallbacks[callbackName] = owner;
});

onNet('ox_lib:validateCallback', (callbackName: string, invokingResource: string, key: string) => {
  if (registeredCallbacks[callbackName]) return;
  emitNet(`__ox_cb_${invokingResource}`, source, key, 'cb_invalid');
});

// An ES module, so that esbuild leaves `exports` (FiveM's global) alone instead of wrapping it as CommonJS.
export {};
