/**
 * `npm run demo`: the built resource in the simulated FiveM world, playing the specification's scenarios
 * (basic server callback, promise form, client callback, multi-step purchase, timeout) through Lua consumer
 * resources, and printing what every machine did, in virtual time.
 */
import * as path from 'path';
import { formatEntry, loadLua, resourceFromManifest, World } from '../src/testing';

const root = path.join(__dirname, '..');

async function main(): Promise<void> {
  await loadLua();
  const world = new World({ latency: { min: 20, max: 60 }, onLog: (entry) => console.log(`  ${formatEntry(entry)}`) });
  // The built resource, as FiveM loads it from fxmanifest.lua, under the name the specification's examples use.
  world.startResource(resourceFromManifest(root, 'community_bridge'));
  world.startResource(resourceFromManifest(path.join(__dirname, 'resources', 'demo_shop')));
  const alice = world.connect({ name: 'alice' });
  const bob = world.connect({ name: 'bob' });
  await world.advance(100);

  const scenario = async (title: string, run: () => void, ms: number) => {
    console.log(`\n== ${title} ==`);
    run();
    await world.advance(ms);
  };

  await scenario('Basic server callback: alice asks for her bank balance', () => alice.executeCommand('basic'), 500);
  await scenario('Promise form: bob awaits his cash in a thread', () => bob.executeCommand('promise'), 500);
  await scenario('Client callback: the server asks alice to show a notification', () => world.server.executeCommand('notify 1'), 6000);
  await scenario('Multi-step purchase: alice buys an adder', () => alice.executeCommand('purchase adder 20000'), 500);
  await scenario('Multi-step purchase: out of stock', () => alice.executeCommand('purchase zentorno 1000'), 500);
  await scenario('Multi-step purchase: insufficient funds', () => alice.executeCommand('purchase adder 20000'), 500);
  await scenario('Timeout: a 15 s operation with a 10 s timeout', () => bob.executeCommand('timeout'), 16_000);

  const errors = world.logs.errors();
  console.log(`\n${errors.length === 0 ? 'All scenarios ran without a script error.' : `${errors.length} script error(s).`}`);
  world.dispose();
  process.exitCode = errors.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
