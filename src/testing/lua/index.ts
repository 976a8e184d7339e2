/**
 * Lua resources in the simulated world: `await loadLua()` once, then start resources whose scripts end in `.lua`
 * (or say `language: 'lua'`). {@link luaOf} reaches a resource's Lua state from a test.
 */
export { LuaRuntime, loadLua, isLuaLoaded, luaOf, luaRuntimeFactory } from './lua-runtime';
