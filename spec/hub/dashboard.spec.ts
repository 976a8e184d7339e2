/// <reference lib="dom" />
/**
 * The dashboard at /fxcallbacks/, loaded from the world's handlers on a real 127.0.0.1 port in a real headless
 * Chromium (Debian's `chromium`, which .ci/run installs), driven by puppeteer-core.
 */
import * as fs from 'fs';
import * as path from 'path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { LocalHttpServer } from '../../src/testing';
import { get, TOKEN } from './live';
import { HUB, startHubWorld, ts, useLua, type HubWorld } from './support';

useLua();
jest.setTimeout(30_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '../../build/artifacts');
const PRICE_ROW = 'tr[data-key="shop:price|shop|incoming"]';

let browser: Browser;
let local: LocalHttpServer | undefined;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`the dashboard test needs Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set CHROMIUM_PATH`);
  }
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await local?.close();
  local = undefined;
});

function shopWorld(): HubWorld {
  const hub = startHubWorld([ts('shop'), ts('hud')], { latency: 20, convars: { 'fxcallbacks:metricsToken': TOKEN } });
  hub.server('shop').register('shop:price', (_player, item: string) => {
    if (item === 'stone') throw new Error('no price for stones');
    return item.length;
  });
  hub.server('shop').register('shop:buy', async () => {
    await hub.serverKit('shop').delay(120);
    return true;
  });
  return hub;
}

/** The text of a cell of the shop:price row, once the page shows it. */
async function priceCell(page: Page, column: string): Promise<string> {
  return page.$eval(`${PRICE_ROW} td[data-col="${column}"]`, (cell) => cell.textContent ?? '');
}

test('the page shows the calls made in the world, updates as new calls end, sorts, and keeps the token for the session', async () => {
  const hub = shopWorld();
  const { world } = hub;
  const hud = hub.client(0, 'hud');
  await world.settle(Promise.all([hud.call('shop:price', 'bread'), hud.call('shop:price', 'milk'), hud.call('shop:buy'), hud.call('shop:price', 'stone').catch(() => 'refused')]));
  local = await world.http.listen();
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  const run = <T>(promise: Promise<T>) => world.http.inRealTime(promise);

  await run(page.goto(`${local.url}/${HUB}/`));
  // No token yet: the page asks for one.
  await run(page.waitForSelector('#login:not([hidden])'));
  await page.type('#token', TOKEN);
  await page.click('#token-form button');
  await run(page.waitForSelector(PRICE_ROW));
  expect(await priceCell(page, 'calls')).toBe('3');
  expect(await priceCell(page, 'errorRate')).toBe('33.3%');
  expect(await priceCell(page, 'inFlight')).toBe('0');
  expect(await page.$eval(`${PRICE_ROW} svg polyline`, (line) => line.getAttribute('points')!.split(' ').length)).toBe(60);

  // New calls end in the world: the next poll shows them.
  await run(Promise.all(['tea', 'jam'].map((item) => hud.call('shop:price', item))));
  await run(page.waitForFunction((selector) => document.querySelector(selector)?.textContent === '5', {}, `${PRICE_ROW} td[data-col="calls"]`));
  expect(Number(await priceCell(page, 'rate'))).toBeGreaterThan(0);

  // Sorting by name, then the other way.
  const order = () => page.$$eval('#callbacks tbody tr', (rows) => rows.map((row) => row.getAttribute('data-key')));
  await page.click('th[data-key="callback"]');
  expect(await order()).toEqual(['shop:buy|shop|incoming', 'shop:price|shop|incoming']);
  await page.click('th[data-key="callback"]');
  expect(await order()).toEqual(['shop:price|shop|incoming', 'shop:buy|shop|incoming']);
  expect(await page.$eval('th[data-key="callback"]', (th) => th.getAttribute('aria-sort'))).toBe('descending');

  // The hub's figures: the player's budget.
  expect(await page.$$eval('#players tbody tr', (rows) => rows.length)).toBe(1);

  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png') });

  // The token stays for the tab's session: a reload needs no login.
  await run(page.reload());
  await run(page.waitForSelector(PRICE_ROW));
  expect(await page.$eval('#login', (login) => (login as HTMLElement).hidden)).toBe(true);

  // On a phone's width nothing spills out of the page.
  await page.setViewport({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.close();
});

test('the page is self-contained and small: no external resource, at most 100 KB', async () => {
  const { world } = shopWorld();
  const page = await get(world, '', null);
  expect(page.status).toBe(200);
  expect(Buffer.byteLength(page.body)).toBeLessThanOrEqual(100 * 1024);
  expect(page.body).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
  expect(page.body).not.toMatch(/@import|url\(/);
});

test('the refused frames show on the page', async () => {
  const hub = shopWorld();
  const { world } = hub;
  await world.settle(hub.client(0, 'hud').call('nobody:here').catch(() => 'refused'));
  local = await world.http.listen();
  const page = await browser.newPage();
  await page.evaluateOnNewDocument((token) => sessionStorage.setItem('fxcallbacks.token', token), TOKEN);
  await world.http.inRealTime(page.goto(`${local.url}/${HUB}/`));
  await world.http.inRealTime(page.waitForFunction(() => document.querySelector('#refused li')?.textContent?.includes('nobody:here')));
  expect(await page.$eval('#refused li', (item) => item.textContent)).toBe(`player ${hub.clients[0]!.playerId}: unknown callback (nobody:here)`);
  await page.close();
});
