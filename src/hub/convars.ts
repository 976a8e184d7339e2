/**
 * The hub's configuration by convars (`server.cfg`), read once at start. Every setting is a whole number; an
 * invalid one is reported on one console line and its default kept, so a typo never stops the hub. A client
 * sees only replicated convars: set the client's with `setr`.
 */
import { DEFAULT_LARGE_PAYLOADS, DEFAULT_LIMITS, DEFAULT_REMEMBER_ANSWERS, MAX_CALLS_PER_PEER, type EndpointOptions } from '../core/endpointOptions';
import { BYTE_PACE, type EventPace } from '../core/wire/sendBudget';
import type { RouterOptions } from './router';

/** A setting: its convar, its default, and the range it must fall in. */
interface Setting {
  convar: string;
  fallback: number;
  min: number;
  max: number;
}

const setting = (name: string, fallback: number, min: number, max: number): Setting => ({ convar: `fxcallbacks:${name}`, fallback, min, max });
const KIB = 1024;

/** What the hub and its own endpoint (the one that serves Lua resources) start with. */
export interface HubDefaults {
  timeout: number;
  maxArgumentBytes: number;
  maxDepth: number;
  maxRunningPerPeer: number;
  maxValues: number;
  maxAnswerBytes: number;
  maxCallsPerPeer: number;
  maxPayloadBytes: number;
  latentThreshold: number;
  latentBytesPerSecond: number;
  maxFramesPerEnvelope: number;
  maxRoutesPerPeer: number;
  /** 0: no pace (the server's default). */
  paceRate: number;
  paceBurst: number;
  paceBytesPerSecond: number;
  paceByteBurst: number;
  /** 0: no incoming queue (the default). */
  incomingConcurrency: number;
  incomingMaxQueued: number;
  rememberAnswers: number;
  rememberAnswersBytes: number;
  rememberAnswersTtl: number;
  metricsWindow: number;
  metricsMaxCallbacks: number;
}

/** The defaults of both sides but pace, which each side sets (a client paces under FiveM's limit). */
export function hubDefaults(pace: Required<EventPace> | false): HubDefaults {
  return {
    timeout: 10_000,
    ...DEFAULT_LIMITS,
    maxPayloadBytes: DEFAULT_LARGE_PAYLOADS.maxBytes,
    latentThreshold: DEFAULT_LARGE_PAYLOADS.latentThreshold,
    latentBytesPerSecond: DEFAULT_LARGE_PAYLOADS.bytesPerSecond,
    maxFramesPerEnvelope: 64,
    maxRoutesPerPeer: 2048,
    paceRate: pace ? pace.rate : 0,
    paceBurst: pace ? pace.burst : 180,
    paceBytesPerSecond: pace ? pace.bytesPerSecond : BYTE_PACE.bytesPerSecond,
    paceByteBurst: pace ? pace.byteBurst : BYTE_PACE.byteBurst,
    incomingConcurrency: 0,
    incomingMaxQueued: 100,
    rememberAnswers: DEFAULT_REMEMBER_ANSWERS.maxEntriesPerPeer,
    rememberAnswersBytes: DEFAULT_REMEMBER_ANSWERS.maxBytesPerPeer,
    rememberAnswersTtl: DEFAULT_REMEMBER_ANSWERS.ttl,
    // createMetrics' own defaults.
    metricsWindow: 256,
    metricsMaxCallbacks: 512,
  };
}

/** The ranges a server owner may choose from; the defaults come from the side (see {@link readHubConvars}). */
function settings(defaults: HubDefaults): Record<keyof HubDefaults, Setting> {
  return {
    timeout: setting('timeout', defaults.timeout, 1, 3_600_000),
    maxArgumentBytes: setting('maxArgumentBytes', defaults.maxArgumentBytes, 1, 16 * KIB * KIB),
    maxDepth: setting('maxDepth', defaults.maxDepth, 1, 1000),
    maxRunningPerPeer: setting('maxRunningPerPeer', defaults.maxRunningPerPeer, 1, 100_000),
    maxValues: setting('maxValues', defaults.maxValues, 1, 100_000),
    maxAnswerBytes: setting('maxAnswerBytes', defaults.maxAnswerBytes, 1, 16 * KIB * KIB),
    maxCallsPerPeer: setting('maxCallsPerPeer', defaults.maxCallsPerPeer, 1, MAX_CALLS_PER_PEER),
    maxPayloadBytes: setting('maxPayloadBytes', defaults.maxPayloadBytes, 1, 16 * KIB * KIB),
    latentThreshold: setting('latentThreshold', defaults.latentThreshold, 256, 16 * KIB * KIB),
    latentBytesPerSecond: setting('latentBytesPerSecond', defaults.latentBytesPerSecond, KIB, 16 * KIB * KIB),
    maxFramesPerEnvelope: setting('maxFramesPerEnvelope', defaults.maxFramesPerEnvelope, 1, 4096),
    maxRoutesPerPeer: setting('maxRoutesPerPeer', defaults.maxRoutesPerPeer, 1, 1_000_000),
    paceRate: setting('paceRate', defaults.paceRate, 0, 100_000),
    paceBurst: setting('paceBurst', defaults.paceBurst, 1, 100_000),
    paceBytesPerSecond: setting('paceBytesPerSecond', defaults.paceBytesPerSecond, KIB, 16 * KIB * KIB),
    paceByteBurst: setting('paceByteBurst', defaults.paceByteBurst, 16 * KIB, 16 * KIB * KIB),
    incomingConcurrency: setting('incomingConcurrency', defaults.incomingConcurrency, 0, 100_000),
    incomingMaxQueued: setting('incomingMaxQueued', defaults.incomingMaxQueued, 0, 1_000_000),
    rememberAnswers: setting('rememberAnswers', defaults.rememberAnswers, 1, 100_000),
    rememberAnswersBytes: setting('rememberAnswersBytes', defaults.rememberAnswersBytes, 1, 64 * KIB * KIB),
    rememberAnswersTtl: setting('rememberAnswersTtl', defaults.rememberAnswersTtl, 1, 3_600_000),
    metricsWindow: setting('metricsWindow', defaults.metricsWindow, 1, 100_000),
    metricsMaxCallbacks: setting('metricsMaxCallbacks', defaults.metricsMaxCallbacks, 1, 100_000),
  };
}

/** Every convar the hub reads, with the range it accepts (for the README and tests). */
export function hubConvarNames(): string[] {
  return Object.values(settings(hubDefaults(false))).map((s) => s.convar);
}

/** Reads one setting: `raw` unset (empty) keeps the default silently, an invalid one says so. */
function readSetting(s: Setting, raw: string, log: (line: string) => void): number {
  if (raw.trim() === '') return s.fallback;
  const value = Number(raw.trim());
  if (Number.isInteger(value) && value >= s.min && value <= s.max) return value;
  log(`fxcallbacks: convar ${s.convar} is "${raw}", not a whole number from ${s.min} to ${s.max}; keeping the default ${s.fallback}`);
  return s.fallback;
}

/** The hub's router options and its own endpoint's options. */
export interface HubConfig {
  router: RouterOptions;
  endpoint: EndpointOptions;
}

/**
 * Reads every setting from `read(convar)` (GetConvar with an empty fallback) over the side's `defaults`.
 * `flushPerFrame` is the side's, not a setting.
 */
export function readHubConvars(read: (convar: string) => string, log: (line: string) => void, defaults: HubDefaults, flushPerFrame: boolean): HubConfig {
  const all = settings(defaults);
  const value = {} as HubDefaults;
  for (const key of Object.keys(all) as (keyof HubDefaults)[]) value[key] = readSetting(all[key], read(all[key].convar), log);
  return {
    router: {
      maxFrames: value.maxFramesPerEnvelope,
      latentThreshold: value.latentThreshold,
      bytesPerSecond: value.latentBytesPerSecond,
      pace:
        value.paceRate > 0
          ? { rate: value.paceRate, burst: value.paceBurst, bytesPerSecond: value.paceBytesPerSecond, byteBurst: value.paceByteBurst }
          : false,
      maxRoutesPerPeer: value.maxRoutesPerPeer,
      maxCallsPerPeer: value.maxCallsPerPeer,
      flushPerFrame,
    },
    endpoint: {
      // The router paces the hub's one event; the hub's own endpoint is one of its members.
      pace: false,
      defaultTimeout: value.timeout,
      largePayloads: { latentThreshold: value.latentThreshold, bytesPerSecond: value.latentBytesPerSecond, maxBytes: value.maxPayloadBytes },
      limits: {
        maxArgumentBytes: value.maxArgumentBytes,
        maxDepth: value.maxDepth,
        maxRunningPerPeer: value.maxRunningPerPeer,
        maxValues: value.maxValues,
        maxAnswerBytes: value.maxAnswerBytes,
        maxCallsPerPeer: value.maxCallsPerPeer,
      },
      ...(value.incomingConcurrency > 0 ? { incomingQueue: { concurrency: value.incomingConcurrency, maxQueued: value.incomingMaxQueued } } : {}),
      rememberAnswers: { maxEntriesPerPeer: value.rememberAnswers, maxBytesPerPeer: value.rememberAnswersBytes, ttl: value.rememberAnswersTtl },
      metrics: { windowSize: value.metricsWindow, maxCallbacks: value.metricsMaxCallbacks },
    },
  };
}
