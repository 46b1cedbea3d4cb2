import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import { anonymous, createTestEnv, makeAdmin, signUpUser, verifiedOrganization, type TestEnv } from './test-support.ts';

// Every procedure's input, fuzzed: values generated from the procedure's own zod schema (through its JSON
// Schema), some of them bent out of shape, and plain junk, called as a platform admin (who gets past every
// authorisation check, so the input reaches the services) and as an organisation manager. No call may fail
// with a server error: every rejection is a 4xx with a reason.

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
};

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(''),
  fc.constant('0'.repeat(5000)),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const day = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2031, 0, 1) }).map((t) => new Date(t).toISOString().slice(0, 10));
const text = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'数控技术护理北京天津河北产教融合abcXYZ019 -_@.'), minLength: min, maxLength: Math.max(min, max) });

/** Values shaped by a JSON Schema: mostly valid, sometimes at or past its edges. */
function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return fc.oneof(...options.map((s) => arbitraryOf(s, depth + 1)));
  if (schema.allOf?.[0]) return arbitraryOf(schema.allOf[0], depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.oneof(fc.uuid(), fc.constant('00000000-0000-4000-8000-000000000000'));
      if (schema.format === 'date') return day;
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'uri') return fc.webUrl();
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 200));
        } catch {
          return text(0, 20);
        }
      }
      return text(schema.minLength ?? 0, Math.min(schema.maxLength ?? 40, 60));
    }
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
      return fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) });
    }
    case 'number':
      return fc.double({ min: Math.max(schema.minimum ?? -1e6, -1e9), max: Math.min(schema.maximum ?? 1e6, 1e9), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items && depth < 4 ? arbitraryOf(schema.items, depth + 1) : junk, {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      if (!schema.properties || depth > 4) return fc.constant({});
      const model = Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, arbitraryOf(s, depth + 1)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
    default:
      return junk;
  }
}

/** The schema's values (4 in 6), one of them with a field replaced by junk (1 in 6), or junk (1 in 6). */
function inputsFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = arbitraryOf(schema);
  const bent = fc.tuple(valid, fc.nat(), junk).map(([v, i, j]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return j;
    const keys = Object.keys(v);
    const key = keys[i % Math.max(1, keys.length)];
    return key === undefined ? v : { ...v, [key]: j };
  });
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: bent }, { weight: 1, arbitrary: junk });
}

type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures);
// ending the session would only turn the rest of the run into 401s
const skipped = new Set(['account.signOut']);
// slow by nature (a workbook, a whole report, a snapshot of every indicator): fewer runs
const slow = new Set([
  'annualReport.excel',
  'annualReport.data',
  'monitoring.snapshot',
  'rounds.close',
  'rounds.rerun',
  'imports.organizations',
]);
const RUNS = Number(process.env.RONGHE_FUZZ_RUNS ?? 25);

let env: TestEnv;
let callers: Array<{ name: string; caller: Record<string, unknown> }> = [];
beforeAll(async () => {
  // the fuzzer sends thousands of writes from a few users: let them reach the services, not the write limiter
  // (packages/api/src/write-limit.test.ts covers the limiter)
  env = await createTestEnv({ writeLimits: { perUser: 0, perAddress: 0 } });
  const admin = await makeAdmin(env, await signUpUser(env, { identifier: 'fuzz-admin@example.gov.cn' }));
  const manager = await verifiedOrganization(env, admin, 'school');
  callers = [
    { name: 'admin', caller: admin.caller as unknown as Record<string, unknown> },
    { name: 'manager', caller: manager.caller as unknown as Record<string, unknown> },
    { name: 'anonymous', caller: anonymous(env) as unknown as Record<string, unknown> },
  ];
}, 120_000);
afterAll(async () => {
  await env.close();
});

/** Calls `a.b` on a caller. */
function invoke(caller: Record<string, unknown>, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

describe('fuzzing every procedure', () => {
  it(`lists the procedures it fuzzes (${procedures.length})`, () => {
    expect(procedures.length).toBeGreaterThan(100);
  });

  it('answers every generated input without a server error', async () => {
    const failures: string[] = [];
    const outcomes = new Map<string, number>();
    let calls = 0;
    for (const [path, procedure] of procedures) {
      if (skipped.has(path) || procedure._def.type === 'subscription') continue;
      const input = procedure._def.inputs[0];
      const schema: JsonSchema =
        input instanceof z.ZodType ? (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : {};
      const samples = fc.sample(inputsFor(schema), { numRuns: slow.has(path) ? 3 : RUNS, seed: 2027 });
      for (const { name, caller } of callers) {
        for (const value of samples) {
          calls += 1;
          try {
            await invoke(caller, path, value);
            outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
          } catch (error) {
            const code = error instanceof TRPCError ? error.code : 'NOT_A_TRPC_ERROR';
            outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
            if (code === 'INTERNAL_SERVER_ERROR' || code === 'NOT_A_TRPC_ERROR')
              failures.push(`${path} as ${name} with ${JSON.stringify(value)?.slice(0, 200)}: ${(error as Error).message.slice(0, 200)}`);
          }
        }
      }
    }
    process.stdout.write(
      `\n[ronghe] fuzzed ${procedures.length} procedures with ${calls} calls: ${JSON.stringify(Object.fromEntries(outcomes))}\n`,
    );
    // the generated inputs must reach the services, not only bounce off validation
    expect(outcomes.get('ok') ?? 0).toBeGreaterThan(calls / 10);
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);
});
