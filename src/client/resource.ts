/**
 * The fxcallbacks resource's client script (dist/client.js): the callback endpoint of this resource, offered
 * to Lua and JavaScript resources through FiveM exports.
 */
import { defineClientExports } from './exports';
import { createClientCallbacks } from './index';

defineClientExports(createClientCallbacks());
