/**
 * Real open-source resources, unchanged (spec/compat/real/<name>, with their license and provenance), each run on its
 * framework's own callback code (spec/compat/fixtures) and on the shim (a copy whose manifest gets the shim's line):
 * the same answers, the same failures, and nothing left pending on the shim.
 */
import type { ClientMachine } from '../../src/testing';
import { FRAMEWORKS, realResource, scriptErrors, startShims, useLua, type Flavour } from './support';

useLua();

const flavours: Flavour[] = ['framework', 'shim'];

describe('qb-scoreboard (qbcore-framework/qb-scoreboard)', () => {
  /** Two players, one police officer on duty; player 1 opens the scoreboard (`/scoreboard`). */
  async function openScoreboard(flavour: Flavour, jobs = `SetPlayerJob(1, 'police', true) SetPlayerJob(2, 'police', false)`) {
    const shims = startShims([FRAMEWORKS.qbcore, realResource('qb-scoreboard', flavour, 'qbcore')], { latency: 20, players: 2 });
    shims.server('qb-core').run(jobs);
    await shims.world.advance(1_500); // the resource sends its page's setup after 1 s
    shims.client(0, 'qb-scoreboard').run(`ExecuteCommand('scoreboard')`);
    await shims.world.advance(500);
    const nui = (shims.clients[0] as ClientMachine).nui.messagesOf('qb-scoreboard');
    return { shims, nui };
  }

  test('the scoreboard opens with the server\'s counts, the same on qb-core and on the shim', async () => {
    const results = [];
    for (const flavour of flavours) results.push(await openScoreboard(flavour));
    const [framework, shim] = results as [Awaited<ReturnType<typeof openScoreboard>>, Awaited<ReturnType<typeof openScoreboard>>];
    expect(framework.nui).toContainEqual(expect.objectContaining({ action: 'open', players: 2, currentCops: 1, maxPlayers: 48 }));
    expect(shim.nui).toEqual(framework.nui);
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });

  test('a handler that raises (a player without a job): the scoreboard stays closed on both, logged on the shim', async () => {
    const results = [];
    for (const flavour of flavours) results.push(await openScoreboard(flavour, `SetPlayerJob(1, 'police', true) QBCore.Players[2] = { PlayerData = { source = 2 } }`));
    const [framework, shim] = results as [Awaited<ReturnType<typeof openScoreboard>>, Awaited<ReturnType<typeof openScoreboard>>];
    expect(framework.nui.filter((m) => (m as { action: string }).action === 'open')).toEqual([]);
    expect(shim.nui).toEqual(framework.nui);
    expect(scriptErrors(framework.shims.world)).toContainEqual(expect.stringContaining("attempt to index a nil value (field 'job')"));
    expect(shim.shims.world.logs.entries.map((e) => e.text)).toContainEqual(
      expect.stringContaining("QBCore callback 'qb-scoreboard:server:GetScoreboardData' failed"),
    );
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
  });
});

describe('esx_service (esx-framework/esx_service), called by a police resource', () => {
  const police = (flavour: Flavour) => ({
    name: 'police',
    before: ['@es_extended/imports.lua'],
    ...(flavour === 'shim' ? { shim: 'esx' as const } : {}),
    client: `
got = {}
function ask(key, name, ...) ESX.TriggerServerCallback(name, function(...) got[key] = table.pack(...) end, ...) end`,
  });

  /** The police service opened for one officer; players 1 and 2 ask to go on duty, then what the service says. */
  async function onDuty(flavour: Flavour) {
    const shims = startShims([FRAMEWORKS.esx, realResource('esx_service', flavour, 'esx'), police(flavour)], { latency: 20, players: 2 });
    shims.server('esx_service').run(`TriggerEvent('esx_service:activateService', 'police', 1)`);
    await shims.world.advance(100);
    shims.client(0, 'police').run(`ask('enable', 'esx_service:enableService', 'police')`);
    await shims.world.advance(200);
    shims.client(1, 'police').run(`ask('enable', 'esx_service:enableService', 'police')`);
    for (const i of [0, 1]) {
      shims.client(i, 'police').run(`
ask('inService', 'esx_service:isInService', 'police')
ask('list', 'esx_service:getInServiceList', 'police')
ask('unknownService', 'esx_service:enableService', 'fire')
ask('unknownTarget', 'esx_service:isPlayerInService', 'police', 2)`);
    }
    await shims.world.advance(300);
    const got = [0, 1].map((i) => shims.client(i, 'police').get<Record<string, unknown>>('got'));
    return { shims, got };
  }

  test('the same answers and the same silent failures on es_extended and on the shim; nothing pending', async () => {
    const framework = await onDuty('framework');
    const shim = await onDuty('shim');
    // The simulated world does not model state bags: enableService's success path raises at `GlobalState[name] =`,
    // after it put player 1 on duty, so player 1 is never called back, on either.
    expect(framework.got).toEqual([
      { inService: { 1: true, n: 1 }, list: { 1: [true], n: 1 } },
      { enable: { 1: false, 2: 1, 3: 1, n: 3 }, inService: { 1: false, n: 1 }, list: { 1: [true], n: 1 } },
    ]);
    expect(shim.got).toEqual(framework.got);
    // The handlers that raise (GlobalState; an unknown service; ESX.GetPlayerFromId, which this stand-in lacks) call
    // nobody back on either; the shim logs them.
    expect(shim.shims.world.logs.entries.map((e) => e.text)).toContainEqual(expect.stringContaining("ESX callback 'esx_service:enableService' failed"));
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
  });

  /** Only player 2 on duty: the service's list is `{ [2] = true }`, a table keyed by player id. */
  async function listWithPlayerTwo(flavour: Flavour) {
    const shims = startShims([FRAMEWORKS.esx, realResource('esx_service', flavour, 'esx'), police(flavour)], { latency: 20, players: 2 });
    shims.server('esx_service').run(`TriggerEvent('esx_service:activateService', 'police', 2)`);
    await shims.world.advance(100);
    shims.client(1, 'police').run(`ask('enable', 'esx_service:enableService', 'police')`);
    await shims.world.advance(200);
    shims.client(0, 'police').run(`ask('list', 'esx_service:getInServiceList', 'police')`);
    await shims.world.advance(200);
    return shims.client(0, 'police').runAll('return got.list[1][2], got.list[1]["2"]');
  }

  test('on es_extended the list keeps its integer key', async () => {
    expect(await listWithPlayerTwo('framework')).toEqual([true, null]);
  });

  // Lua values cross the hub packed by Lua, never decoded by JavaScript (issue 21 item 1): the key stays an integer.
  test('on the shim the list keeps its integer key (Lua values travel packed)', async () => {
    expect(await listWithPlayerTwo('shim')).toEqual([true, null]);
  });
});

describe('esx_joblisting (esx-framework/esx_joblisting)', () => {
  async function openMenu(flavour: Flavour) {
    const shims = startShims([FRAMEWORKS.esx, realResource('esx_joblisting', flavour, 'esx')], { latency: 20 });
    await shims.world.advance(100);
    shims.client(0, 'esx_joblisting').run('ShowJobListingMenu()');
    await shims.world.advance(200);
    return { shims, context: shims.client(0, 'es_extended').get('LastContext') };
  }

  test('the job menu lists the jobs that are not whitelisted, the same on es_extended and on the shim', async () => {
    const framework = await openMenu('framework');
    const shim = await openMenu('shim');
    expect(framework.context).toEqual({
      position: 'right',
      elements: expect.arrayContaining([
        expect.objectContaining({ title: 'Select A Job.' }),
        { title: 'Unemployed', name: 'unemployed' },
        { title: 'Taxi', name: 'taxi' },
      ]),
    });
    // The server lists them in `pairs` order, which Lua's seeded string hashing makes differ from one state to another.
    const sorted = (context: unknown) => {
      const { position, elements } = context as { position: string; elements: { title: string }[] };
      return { position, elements: [...elements].sort((a, b) => a.title.localeCompare(b.title)) };
    };
    expect(sorted(shim.context)).toEqual(sorted(framework.context));
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
  });
});

describe('qb-cityhall (qbcore-framework/qb-cityhall), its server called with its client\'s calls', () => {
  // Its client stops where it loads (a player's data, state bags: see real/qb-cityhall/PROVENANCE.md); this resource
  // makes the client's calls instead. PolyZone, which the client includes, is not reached: empty files stand in.
  const polyZone = { name: 'PolyZone', files: { 'client.lua': '', 'BoxZone.lua': '' } };
  const townsfolk = (flavour: Flavour) => ({
    name: 'townsfolk',
    ...(flavour === 'shim' ? { shim: 'qbcore' as const } : {}),
    client: `
local QBCore = exports['qb-core']:GetCoreObject()
got = {}
function ask(key, name, ...) QBCore.Functions.TriggerCallback(name, function(...) got[key] = table.pack(...) end, ...) end`,
  });

  /** Player 1 holds a driver's licence permit, player 2 has no character; both ask the city hall. */
  async function visit(flavour: Flavour) {
    const shims = startShims([FRAMEWORKS.qbcore, polyZone, realResource('qb-cityhall', flavour, 'qbcore'), townsfolk(flavour)], { latency: 20, players: 2 });
    shims.server('qb-core').run(`QBCore.Players[1] = { PlayerData = { source = 1, metadata = { licences = { driver = true, weapon = false } } } }`);
    for (const i of [0, 1]) {
      shims.client(i, 'townsfolk').run(`
ask('jobs', 'qb-cityhall:server:receiveJobs')
ask('licenses', 'qb-cityhall:server:getIdentityData', 1)`);
    }
    await shims.world.advance(300);
    // One at a time: qb-core keeps one pending call per name (a second one takes the first one's answer).
    for (const i of [0, 1]) shims.client(i, 'townsfolk').run(`ask('unknownHall', 'qb-cityhall:server:getIdentityData', 7)`);
    await shims.world.advance(300);
    const got = [0, 1].map((i) => shims.client(i, 'townsfolk').get<Record<string, unknown>>('got'));
    return { shims, got };
  }

  test('the same jobs and licences, and the same silence for an unknown hall, on qb-core and on the shim', async () => {
    const framework = await visit('framework');
    const shim = await visit('shim');
    const jobs = { 1: expect.objectContaining({ trucker: { label: 'Trucker', isManaged: false }, taxi: { label: 'Taxi', isManaged: false } }), n: 1 };
    const [first, second] = framework.got as [Record<string, { 1: Record<string, unknown> }>, Record<string, { 1: Record<string, unknown> }>];
    expect(first).toEqual({ jobs, licenses: expect.anything() });
    expect(Object.keys(first.licenses![1]).sort()).toEqual(['driver_license', 'id_card']);
    // No character: an empty table, before the hall is looked up.
    expect(second).toEqual({ jobs, licenses: { 1: expect.anything(), n: 1 }, unknownHall: { 1: expect.anything(), n: 1 } });
    expect([second.licenses![1], second.unknownHall![1]].map(Object.keys)).toEqual([[], []]);
    expect(shim.got).toEqual(framework.got);
    // For player 1 an unknown hall raises in the handler (`Config.Cityhalls[hallId].licenses`): not called back, on
    // either.
    expect(scriptErrors(framework.shims.world)).toContainEqual(expect.stringContaining("attempt to index a nil value (field '?')"));
    expect(shim.shims.world.logs.entries.map((e) => e.text)).toContainEqual(
      expect.stringContaining("QBCore callback 'qb-cityhall:server:getIdentityData' failed"),
    );
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
    for (const i of [0, 1]) expect(shim.shims.inFlight(i)).toEqual({ calls: 0, routes: 0 });
  });
});

describe('ps-dispatch (Project-Sloth/ps-dispatch), its server called with its client\'s calls', () => {
  // Its client needs qb-core, ox_lib's keybinds and natives the world lacks (real/ps-dispatch/PROVENANCE.md); this
  // resource makes the client's calls instead. PolyZone, which the client includes, is not reached.
  const polyZone = { name: 'PolyZone', files: { 'client.lua': '', 'CircleZone.lua': '', 'BoxZone.lua': '' } };
  const officer = (flavour: Flavour) => ({
    name: 'officer',
    before: ['@ox_lib/init.lua'],
    ...(flavour === 'shim' ? { shim: 'ox_lib' as const } : {}),
    client: `
got = {}
function ask(key, name) CreateThread(function() got[key] = table.pack(lib.callback.await(name, false)) end) end
function report(message) TriggerServerEvent('ps-dispatch:server:notify', { message = message, codeName = 'NONE', jobs = { 'leo' } }) end`,
  });

  /** Player 1 asks before any call, then after two reports (one from each player); then a name ps-dispatch lacks. */
  async function dispatch(flavour: Flavour) {
    const shims = startShims([FRAMEWORKS.ox_lib, polyZone, realResource('ps-dispatch', flavour, 'ox_lib'), officer(flavour)], { latency: 20, players: 2 });
    const officer1 = shims.client(0, 'officer');
    officer1.run(`ask('before', 'ps-dispatch:callback:getCalls')`);
    await shims.world.advance(200);
    officer1.run(`report('10-71 shots fired')`);
    await shims.world.advance(100);
    shims.client(1, 'officer').run(`report('10-50 vehicle collision')`);
    await shims.world.advance(100);
    officer1.run(`ask('calls', 'ps-dispatch:callback:getCalls') ask('latest', 'ps-dispatch:callback:getLatestDispatch')`);
    await shims.world.advance(200);
    officer1.run(`CreateThread(function() got.unknown = table.pack(pcall(lib.callback.await, 'ps-dispatch:callback:getCall', false)) end)`);
    await shims.world.advance(200);
    return { shims, got: officer1.get<Record<string, { 1: unknown; 2?: unknown; n: number }>>('got') };
  }

  test('the same calls, the same latest call and the same failure on ox_lib and on the shim; nothing pending', async () => {
    const framework = await dispatch('framework');
    const shim = await dispatch('shim');
    const call = (id: number, message: string) => ({ id, message, codeName: 'NONE', jobs: ['leo'], time: expect.any(Number), units: [], responses: [] });
    expect(framework.got.before).toEqual({ 1: [], n: 1 });
    expect(framework.got.calls).toEqual({ 1: [call(1, '10-71 shots fired'), call(2, '10-50 vehicle collision')], n: 1 });
    expect(framework.got.latest).toEqual({ 1: call(2, '10-50 vehicle collision'), n: 1 });
    expect(framework.got.unknown).toEqual({ 1: false, 2: expect.stringContaining("callback 'ps-dispatch:callback:getCall' does not exist"), n: 2 });
    expect(shim.got).toEqual(framework.got);
    // Its server stops at its first command on both (ox_lib's locale module is not in the stand-in), after its
    // callbacks and events.
    for (const { shims } of [framework, shim]) {
      expect(scriptErrors(shims.world)).toContainEqual(expect.stringMatching(/@ps-dispatch\/server\/main\.lua:\d+: attempt to call a nil value \(global 'locale'\)/));
    }
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
    for (const i of [0, 1]) expect(shim.shims.inFlight(i)).toEqual({ calls: 0, routes: 0 });
  });
});

describe('qbx_scoreboard (Qbox-project/qbx_scoreboard, November 2023)', () => {
  // qbx_core, which it includes and asks for its players: a stand-in declared here, holding the players a test sets.
  const qbxCore = { name: 'qbx_core', server: `players = {}\nexports('GetQBPlayers', function() return players end)`, files: { 'import.lua': '' } };
  // Its scoreboard opens from an ox_lib keybind, which the ox_lib stand-in lacks (its client stops there, after its
  // events): this resource makes the keybind's call, `lib.callback(name, false, cb)`.
  const viewer = (flavour: Flavour) => ({
    name: 'viewer',
    before: ['@ox_lib/init.lua'],
    ...(flavour === 'shim' ? { shim: 'ox_lib' as const } : {}),
    client: `
got = {}
function open() lib.callback('qbx_scoreboard:server:getScoreboardData', false, function(...) got.open = table.pack(...) end) end`,
  });

  /** Paleto's robbery busy on the server; player 1 logs in again (the client's own await), then opens the scoreboard. */
  async function scoreboard(flavour: Flavour, players: string) {
    const shims = startShims([FRAMEWORKS.ox_lib, qbxCore, realResource('qbx_scoreboard', flavour, 'ox_lib'), viewer(flavour)], { latency: 20, players: 2 });
    shims.world.setAce(1, 'admin');
    shims.server('qbx_core').run(players);
    shims.server('qbx_scoreboard').run(`TriggerEvent('qb-scoreboard:server:SetActivityBusy', 'paleto', true)`);
    await shims.world.advance(100);
    const client = shims.client(0, 'qbx_scoreboard');
    client.run(`Config.IllegalActions = nil TriggerEvent('QBCore:Client:OnPlayerLoaded')`);
    shims.client(0, 'viewer').run('open()');
    await shims.world.advance(200);
    return { shims, config: client.get('Config.IllegalActions'), open: shims.client(0, 'viewer').get('got.open') };
  }

  const officerAndMedic = `
players[1] = { PlayerData = { source = 1, job = { type = 'leo', onduty = true }, optin = true } }
players[2] = { PlayerData = { source = 2, job = { type = 'ems', onduty = true }, optin = false } }`;

  test('the server\'s illegal actions on login and its counts on opening, the same on ox_lib and on the shim', async () => {
    const framework = await scoreboard('framework', officerAndMedic);
    const shim = await scoreboard('shim', officerAndMedic);
    expect(framework.config).toEqual(expect.objectContaining({ paleto: { minimumPolice: 4, busy: true, label: 'Paleto Bay Bank' } }));
    expect(framework.open).toEqual({ 1: 2, 2: 1, 3: [{ isOnDutyAdmin: true }, { isOnDutyAdmin: false }], n: 3 });
    expect(shim.config).toEqual(framework.config);
    expect(shim.open).toEqual(framework.open);
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
  });

  test('a handler that raises (a player without a job): called back with nothing on both, logged on the shim', async () => {
    const jobless = `players[1] = { PlayerData = { source = 1, job = { type = 'leo', onduty = true }, optin = true } }\nplayers[2] = { PlayerData = { source = 2 } }`;
    const framework = await scoreboard('framework', jobless);
    const shim = await scoreboard('shim', jobless);
    expect(framework.open).toEqual({ n: 0 });
    expect(shim.open).toEqual(framework.open);
    expect(scriptErrors(framework.shims.world)).toContainEqual(expect.stringContaining("attempt to index a nil value (field 'job')"));
    expect(shim.shims.world.logs.entries.map((e) => e.text)).toContainEqual(
      expect.stringContaining("callback 'qbx_scoreboard:server:getScoreboardData' raised: @qbx_scoreboard/server.lua:14: attempt to index a nil value (field 'job')"),
    );
    expect(shim.shims.inFlight()).toEqual({ calls: 0, routes: 0 });
    expect(shim.shims.inFlight(0)).toEqual({ calls: 0, routes: 0 });
  });
});
