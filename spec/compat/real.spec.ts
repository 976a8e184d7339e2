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
