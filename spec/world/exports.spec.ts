import { newWorld, js } from './helpers';

describe('exports', () => {
  test('exports(name, fn) defines; exports.res.name(...) and exports[res][name] call it, through pack/unpack', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('add', (a, b) => a + b); exports('echo', (v) => v);`) });
    world.startResource({
      name: 'app',
      server: js(`globalThis.r = [exports.lib.add(2, 3), exports['lib']['add'](1, 1), JSON.stringify(exports.lib.echo({ u: undefined, m: new Map() }))];`),
    });
    expect(Array.from(world.server.resource('app').globals.r)).toEqual([5, 2, '{"u":null,"m":{}}']);
  });

  test('a missing export throws "No such export X in resource Y"', () => {
    const world = newWorld();
    world.startResource({ name: 'app', server: js(`try { exports.nothere.fn(); } catch (e) { globalThis.msg = e.message; }`) });
    expect(world.server.resource('app').globals.msg).toBe('No such export fn in resource nothere');
  });

  test('a JS export returning a Promise gives the caller a Promise that resolves after the export does', async () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('later', async (v) => { await new Promise((r) => setTimeout(r, 100)); return v * 2; });`) });
    world.startResource({ name: 'app', server: js(`globalThis.p = exports.lib.later(21); globalThis.isPromise = p instanceof Promise;`) });
    const app = world.server.resource('app').globals;
    expect(app.isPromise).toBe(true);
    const start = world.now;
    expect(await world.settle(app.p)).toBe(42);
    expect(world.now - start).toBeGreaterThanOrEqual(100);
  });

  test('a rejected async export rejects the caller with the message string, and resolving undefined gives null', async () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('fail', async () => { throw new Error('nope'); }); exports('nothing', async () => undefined);`) });
    world.startResource({ name: 'app', server: js(`globalThis.f = exports.lib.fail(); globalThis.n = exports.lib.nothing();`) });
    const app = world.server.resource('app').globals;
    await expect(world.settle(app.f)).rejects.toBe('nope');
    expect(await world.settle(app.n)).toBeNull();
  });

  test('an export that throws: the caller gets "An error occurred while calling export"', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('bad', () => { throw new Error('inner'); });`) });
    world.startResource({ name: 'app', server: js(`try { exports.lib.bad(); } catch (e) { globalThis.msg = e.message; }`) });
    expect(world.server.resource('app').globals.msg).toBe('An error occurred while calling export bad of resource lib - see above for details');
    expect(world.logs.find('SCRIPT ERROR in call ref: Error: inner').length).toBe(1);
  });

  test('GetInvokingResource inside an export names the caller', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('who', () => GetInvokingResource());`) });
    world.startResource({ name: 'app', server: js(`globalThis.who = exports.lib.who();`) });
    expect(world.server.resource('app').globals.who).toBe('app');
    expect(world.server.resource('lib').run(`GetInvokingResource()`)).toBeNull();
  });

  test('callbacks passed to an export are references back into the caller', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('twice', (cb) => cb(2) + cb(3));`) });
    world.startResource({ name: 'app', server: js(`globalThis.r = exports.lib.twice((n) => n * 10);`) });
    expect(world.server.resource('app').globals.r).toBe(50);
  });

  test('after the export resource stops: a new lookup says "No such export", a kept export function throws', async () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`exports('f', () => 1);`) });
    world.startResource({ name: 'app', server: js(`globalThis.kept = exports.lib.f;`) });
    world.stopResource('lib');
    await world.advance(50); // onServerResourceStop, queued to the next frame, empties main.js's export cache
    const app = world.server.resource('app');
    expect(app.run(`try { exports.lib.f(); 'ok' } catch (e) { e.message }`)).toBe('No such export f in resource lib');
    expect(app.run(`try { kept(); 'ok' } catch (e) { e.message }`)).toBe('An error occurred while calling export f of resource lib - see above for details');
    // main.js's wrapper reads the cache at call time, and onServerResourceStop emptied it.
    expect(world.logs.find("TypeError: Cannot read properties of undefined (reading 'apply')").length).toBe(1);
  });

  test('a function reference into a stopped resource throws "Error in nested ref call"', () => {
    const world = newWorld();
    world.startResource({ name: 'lib', server: js(`on('give', (take) => take(() => 'from lib'));`) });
    world.startResource({ name: 'app', server: js(`emit('give', (fn) => { globalThis.fn = fn; });`) });
    const app = world.server.resource('app');
    expect(app.run('fn()')).toBe('from lib');
    world.stopResource('lib');
    expect(app.run(`try { fn(); 'ok' } catch (e) { e.message }`)).toMatch(/^Error in nested ref call for app\./);
  });

  test('the exports proxy: exports(name) needs 2 arguments, and exports cannot be assigned', () => {
    const world = newWorld();
    world.startResource({
      name: 'a',
      server: js(`globalThis.e = []; try { exports('x'); } catch (err) { e.push(err.message); } try { exports.a.b = 1; } catch (err) { e.push(err.message); }`),
    });
    expect(Array.from(world.server.resource('a').globals.e)).toEqual(['this needs 2 arguments', 'cannot set values on an export resource']);
  });
});
