import { describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';

// Every procedure declares `.output()`: its result is parsed (and stripped) against a schema, so a
// column added to a query cannot reach a client unnoticed. tRPC keeps the parser at `_def.output`.
// An output that lets anything through (z.unknown(), z.any()) would defeat that, so those are named too.

type ZodLike = { _zod?: { def: Record<string, unknown> & { type: string } } };
type ProcedureDef = { _def: { output?: ZodLike } };

/** Procedures in files that parallel work (issue 18) is editing; remove each entry once it has an output. */
const ownedByParallelWork: Record<string, string> = {};

/** Outputs that still carry a free-form JSON value somewhere, and why. Do not add to this list. */
const freeFormAllowed: Record<string, string> = {};

const defs = appRouter._def.procedures as unknown as Record<string, ProcedureDef | undefined>;
const procedures = Object.entries(defs).flatMap(([path, p]) => (p ? [[path, p] as const] : []));

/** The paths inside a zod schema where any value is accepted. */
function freeForm(schema: unknown, at = '$', seen = new Set<unknown>()): string[] {
  const def = (schema as ZodLike | null)?._zod?.def;
  if (!def || seen.has(schema)) return [];
  seen.add(schema);
  const inner = (s: unknown, suffix = '') => freeForm(s, at + suffix, seen);
  switch (def.type) {
    case 'unknown':
    case 'any':
      return [at];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => inner(v, `.${k}`));
    case 'array':
      return inner(def.element, '[]');
    case 'record':
      return inner(def.valueType, '{}');
    case 'union':
      return (def.options as unknown[]).flatMap((o) => inner(o));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'tuple':
      return (def.items as unknown[]).flatMap((o, i) => inner(o, `[${i}]`));
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'lazy':
      return inner((def.getter as () => unknown)());
    default:
      return 'innerType' in def ? inner(def.innerType) : [];
  }
}

describe('every procedure declares an output', () => {
  it('walks the procedures of the app router', () => {
    expect(procedures.length).toBeGreaterThan(100);
  });

  it('has an output parser on every procedure', () => {
    const missing = procedures.filter(([path, p]) => p._def.output === undefined && !(path in ownedByParallelWork)).map(([path]) => path);
    expect(missing, `procedures without .output(): ${missing.join(', ')}`).toEqual([]);
  });

  it('names every field of its output: no z.unknown() or z.any() outside the known free-form records', () => {
    const loose = procedures.flatMap(([path, p]) =>
      path in freeFormAllowed ? [] : freeForm(p._def.output).map((where) => `${path} ${where}`),
    );
    expect(loose).toEqual([]);
  });

  it('keeps the allow-lists honest: every entry exists and still needs its place', () => {
    const stale = Object.keys(ownedByParallelWork).filter((path) => {
      const p = defs[path];
      return !p || p._def.output !== undefined;
    });
    expect(stale).toEqual([]);
    const staleFree = Object.keys(freeFormAllowed).filter((path) => freeForm(defs[path]?._def.output).length === 0);
    expect(staleFree).toEqual([]);
  });
});
