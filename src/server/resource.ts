/**
 * The fxcallbacks resource's server script (dist/server.js): the callback endpoint of this resource, offered
 * to Lua and JavaScript resources through FiveM exports.
 */
import { defineServerExports } from './exports';
import { createServerCallbacks } from './index';

const callbacks = createServerCallbacks();
defineServerExports(callbacks);
callbacks.registerMetricsCommand();
