/**
 * `SetHttpHandler` as FXServer serves it (ResourceHttpHandler.cpp): `/<resource>/<rest>` reaches the resource's
 * handler on the next frame with `req.path` = `/<rest>`; 404 without a handler; 10 requests/s per address (burst 25).
 */
import { HTTP_RATE_LIMIT } from '../../src/testing';
import { newWorld, js } from './helpers';

const ECHO = `SetHttpHandler((req, res) => {
  globalThis.seen = { method: req.method, path: req.path, auth: req.headers['authorization'], address: req.address, at: GetGameTimer() };
  req.setDataHandler((body) => {
    res.writeHead(201, { 'Content-Type': 'text/plain', 'X-Many': ['a', 'b'] });
    res.write('got ');
    res.send(body + ' on ' + req.path);
  });
});`;

test('a request reaches the handler on the next frame with FXServer\'s req; writeHead, write and send make the response', async () => {
  const world = newWorld();
  world.startResource({ name: 'shop', server: js(ECHO) });
  await world.advance(10);
  const response = world.http.request({ path: '/shop/orders?id=3', method: 'POST', headers: { authorization: 'Bearer x' }, body: 'bread' });
  expect(world.server.resource('shop').globals.seen).toBeUndefined();
  expect(await world.settle(response)).toEqual({ status: 201, headers: { 'Content-Type': 'text/plain', 'X-Many': ['a', 'b'] }, body: 'got bread on /orders?id=3' });
  expect({ ...world.server.resource('shop').globals.seen }).toEqual({ method: 'POST', path: '/orders?id=3', auth: 'Bearer x', address: '127.0.0.1:40000', at: 50 });
});

test('writeHead counts only before the body; a second send changes nothing; a non-string body throws in the resource', async () => {
  const world = newWorld();
  world.startResource({
    name: 'shop',
    server: js(`SetHttpHandler((req, res) => {
      res.write('a');
      res.writeHead(500);
      try { res.write({ no: 1 }); } catch (e) { globalThis.error = e.message; }
      res.send('b');
      res.send('c');
    });`),
  });
  expect(await world.settle(world.http.request({ path: '/shop/' }))).toEqual({ status: 200, headers: {}, body: 'ab' });
  expect(world.server.resource('shop').globals.error).toBe('res.write: data must be a string');
});

test('404 without a handler, outside a resource\'s prefix, or once the resource stopped', async () => {
  const world = newWorld();
  world.startResource({ name: 'quiet', server: js(`globalThis.x = 1;`) });
  world.startResource({ name: 'shop', server: js(ECHO) });
  const notFound = { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found.' };
  expect(await world.http.request({ path: '/quiet/' })).toEqual(notFound);
  expect(await world.http.request({ path: '/shop' })).toEqual(notFound);
  expect(await world.http.request({ path: '/nobody/x' })).toEqual(notFound);
  world.stopResource('shop');
  expect(await world.http.request({ path: '/shop/x' })).toEqual(notFound);
});

test('past 25 requests at once from one address, 429 until the bucket refills at 10 per second; another address is not affected', async () => {
  const world = newWorld();
  world.startResource({ name: 'shop', server: js(`SetHttpHandler((req, res) => res.send('ok'));`) });
  const burst = Array.from({ length: HTTP_RATE_LIMIT.burst + 1 }, () => world.http.request({ path: '/shop/', address: '10.0.0.1:5000' }));
  const answers = await world.settle(Promise.all(burst));
  expect(answers.filter((a) => a.status === 200)).toHaveLength(HTTP_RATE_LIMIT.burst);
  expect(answers[HTTP_RATE_LIMIT.burst]).toMatchObject({ status: 429, body: 'Rate limit exceeded.' });
  expect((await world.settle(world.http.request({ path: '/shop/', address: '10.0.0.2:5000' }))).status).toBe(200);
  await world.advance(100);
  expect((await world.settle(world.http.request({ path: '/shop/', address: '10.0.0.1:5001' }))).status).toBe(200);
});

test('the real local port serves the handlers on 127.0.0.1 while the world runs in real time', async () => {
  const world = newWorld();
  world.startResource({ name: 'shop', server: js(ECHO) });
  const local = await world.http.listen();
  try {
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await world.http.inRealTime(fetch(`${local.url}/shop/ping`, { method: 'POST', body: 'hi' }).then(async (r) => [r.status, r.headers.get('x-many'), await r.text()]));
    expect(answer).toEqual([201, 'a, b', 'got hi on /ping']);
    expect(world.server.resource('shop').globals.seen.address).toMatch(/^127\.0\.0\.1:\d+$/);
  } finally {
    await local.close();
  }
});

test('a peer that goes away before the answer reaches the handler\'s cancel handler, on a frame', async () => {
  const world = newWorld();
  world.startResource({
    name: 'shop',
    server: js(`SetHttpHandler((req, res) => {
      globalThis.waiting = true;
      req.setCancelHandler(() => { globalThis.cancelledAt = GetGameTimer(); });
    });`),
  });
  const local = await world.http.listen();
  try {
    const abort = new AbortController();
    const request = fetch(`${local.url}/shop/slow`, { signal: abort.signal }).catch((error: Error) => error.name);
    await world.http.inRealTime(new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (world.server.resource('shop').globals.waiting) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    }));
    abort.abort();
    expect(await world.http.inRealTime(request)).toBe('AbortError');
    await world.http.inRealTime(new Promise((resolve) => setTimeout(resolve, 200)));
    expect(world.server.resource('shop').globals.cancelledAt % world.options.serverFrameMs).toBe(0);
  } finally {
    await local.close();
  }
});
