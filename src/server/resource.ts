/**
 * The fxcallbacks resource's server script (dist/server.js): the callback endpoint of this resource, offered
 * to Lua and JavaScript resources through FiveM exports.
 */
import { defineServerExports } from './exports';
import { createServerCallbacks } from './index';

defineServerExports(createServerCallbacks());
