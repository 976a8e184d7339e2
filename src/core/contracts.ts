/**
 * Typed contracts: a callback defined once, in code both sides import, with its name, argument types and
 * result type. The side that registers it and the side that calls it are then checked by the compiler in every
 * facade, and a callback of the wrong side cannot be called:
 *
 * ```ts
 * // shared/callbacks.ts
 * export const getMoney = defineServerCallback<[account: string], number>('getMoney');
 * export const confirm = defineClientCallback('confirm', { args: z.tuple([z.string()]), result: z.boolean() });
 *
 * // server:  callbacks.register(getMoney, (player, account) => bank.balance(player, account));
 * //          const ok = await callbacks.call(playerId, confirm, 'Buy for $500?');   // ok: boolean
 * // client:  const money = await callbacks.call(getMoney, 'bank');                  // money: number
 * ```
 *
 * With schemas (any Standard Schema: zod, valibot, arktype), the types come from them and the answering side
 * validates the arguments before its handler runs, and the result before it is sent back.
 *
 * @module
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Schema } from '../ground/schema';
import { isPromiseLike } from './answer/answer';
import { checkCallbackName } from '../ground/checks';
import { WIRE_LIMITS } from './wire/protocol';

/** The side a callback is registered on, and answered from. */
export type Side = 'server' | 'client';

/** A callback registered on `S` and called from the other side, taking `A` and answering `R`. */
export interface CallbackContract<S extends Side, A extends unknown[], R> {
  /** The callback's name on the wire. */
  readonly name: string;
  /** The side that registers and answers it. */
  readonly side: S;
  /** Checks the argument list on the answering side. */
  readonly schema?: Schema;
  /** Checks each answer (its list of values) on the answering side before it is sent. */
  readonly resultSchema?: Schema;
  /** Carries the types only; never set. */
  readonly types?: {
    /** The argument tuple. */
    args: A;
    /** The answered value. */
    result: R;
  };
}

/** A server callback: registered on the server, called from clients. */
export type ServerCallback<A extends unknown[] = unknown[], R = unknown> = CallbackContract<'server', A, R>;
/** A client callback: registered on clients, called from the server. */
export type ClientCallback<A extends unknown[] = unknown[], R = unknown> = CallbackContract<'client', A, R>;

/** A Standard Schema of a list of values: an argument list, or the values of one answer. */
export type ListSchema = StandardSchemaV1<unknown, readonly unknown[]>;

/** The schemas a contract is defined with; they give its types and are checked on the answering side. */
export interface ContractSchemas<AS extends ListSchema, RS extends StandardSchemaV1> {
  /** A schema of the argument list: a tuple, e.g. `z.tuple([z.string(), z.number()])`. */
  args: AS;
  /** A schema of the (first) answered value, e.g. `z.number()`. */
  result?: RS;
}

/**
 * The arguments a call of `C` takes: a contract's argument tuple (its literal types kept, a missing argument
 * reported as such), or any arguments for a plain name.
 */
export type ContractArgs<C, S extends Side> = C extends CallbackContract<S, infer A, unknown> ? A : unknown[];

/** What a call of `C` answers: a contract's result type, or for a plain name `R` (a type argument), else unknown. */
export type ContractResult<C, S extends Side, R> = C extends CallbackContract<S, unknown[], infer T> ? T : [R] extends [never] ? unknown : R;

/** The argument tuple a list schema produces. */
export type Args<AS extends ListSchema> = StandardSchemaV1.InferOutput<AS> extends unknown[] ? StandardSchemaV1.InferOutput<AS> : never;

/**
 * Defines a server callback by name, its types given as type parameters: `defineServerCallback<[account: string],
 * number>('getMoney')`. Nothing is checked at run time.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for a name that is empty or longer than 128 characters.
 */
export function defineServerCallback<A extends unknown[] = unknown[], R = unknown>(name: string): ServerCallback<A, R>;
/**
 * Defines a server callback with schemas, which give its types. The server checks the arguments before the handler
 * runs, and the first value of each answer before it is sent.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for a name that is empty or longer than 128 characters.
 */
export function defineServerCallback<AS extends ListSchema, RS extends StandardSchemaV1 = StandardSchemaV1<unknown, unknown>>(
  name: string,
  schemas: ContractSchemas<AS, RS>,
): ServerCallback<Args<AS>, StandardSchemaV1.InferOutput<RS>>;
export function defineServerCallback(name: string, schemas?: ContractSchemas<ListSchema, StandardSchemaV1>): ServerCallback {
  return defineContract('server', name, schemas);
}

/**
 * Defines a client callback by name, its types given as type parameters: `defineClientCallback<[question: string],
 * boolean>('confirm')`. Nothing is checked at run time.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for a name that is empty or longer than 128 characters.
 */
export function defineClientCallback<A extends unknown[] = unknown[], R = unknown>(name: string): ClientCallback<A, R>;
/**
 * Defines a client callback with schemas, which give its types. The client checks the arguments before the handler
 * runs, and the first value of each answer before it is sent.
 *
 * @throws CallbackError `INVALID_ARGUMENT` for a name that is empty or longer than 128 characters.
 */
export function defineClientCallback<AS extends ListSchema, RS extends StandardSchemaV1 = StandardSchemaV1<unknown, unknown>>(
  name: string,
  schemas: ContractSchemas<AS, RS>,
): ClientCallback<Args<AS>, StandardSchemaV1.InferOutput<RS>>;
export function defineClientCallback(name: string, schemas?: ContractSchemas<ListSchema, StandardSchemaV1>): ClientCallback {
  return defineContract('client', name, schemas);
}

function defineContract<S extends Side>(side: S, name: string, schemas?: ContractSchemas<ListSchema, StandardSchemaV1>): CallbackContract<S, unknown[], unknown> {
  checkCallbackName(name, WIRE_LIMITS.maxNameLength);
  return {
    name,
    side,
    ...(schemas?.args && { schema: schemas.args }),
    ...(schemas?.result && { resultSchema: firstValueOf(schemas.result) }),
  };
}

/** Adapts a schema of one value into a schema of an answer's list of values that checks the first one. */
function firstValueOf(schema: StandardSchemaV1): ListSchema {
  const check = (values: readonly unknown[], result: StandardSchemaV1.Result<unknown>): StandardSchemaV1.Result<readonly unknown[]> =>
    result.issues
      ? { issues: result.issues.map((issue) => ({ ...issue, path: [0, ...(issue.path ?? [])] })) }
      : { value: [result.value, ...values.slice(1)] };
  return {
    '~standard': {
      version: 1,
      vendor: 'fxcallbacks',
      validate: (input) => {
        const values = Array.isArray(input) ? input : [input];
        const result = schema['~standard'].validate(values[0]);
        return isPromiseLike(result) ? Promise.resolve(result).then((settled) => check(values, settled)) : check(values, result);
      },
    },
  };
}

/** The name of a callback given as a contract or a plain string (kept for quick scripts and for Lua). */
export function nameOf(callback: string | CallbackContract<Side, unknown[], unknown>): string {
  // Anything but a contract is handed on as it is, so the name check reports what it really was.
  return typeof callback === 'object' && callback !== null && typeof callback.name === 'string' ? callback.name : (callback as string);
}

/** Options of a registration, with the contract's schemas added. */
export function withContractSchemas<
  O extends {
    /** Checks the argument list. */
    schema?: Schema;
    /** Checks each answer. */
    resultSchema?: Schema;
  },
>(
  callback: string | CallbackContract<Side, unknown[], unknown>,
  options: O | undefined,
): O | undefined {
  if (typeof callback === 'string' || (!callback.schema && !callback.resultSchema)) return options;
  return { schema: callback.schema, resultSchema: callback.resultSchema, ...options } as O;
}
