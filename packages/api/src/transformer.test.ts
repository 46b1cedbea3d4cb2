import { describe, expect, it } from 'vitest';
import superjson from 'superjson';
import { serializeOutput } from './transformer.ts';

/** What the client gets: the envelope through JSON, then superjson.deserialize. */
const received = (value: unknown) =>
  superjson.deserialize(JSON.parse(JSON.stringify(serializeOutput(value))) as Parameters<typeof superjson.deserialize>[0]);
const viaSuperjson = (value: unknown) =>
  superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(value as never))) as Parameters<typeof superjson.deserialize>[0]);

describe('the output transformer', () => {
  const day = new Date('2026-11-29T08:00:00.000Z');

  it('reads on the client exactly as superjson output does, Dates included, without copying plain data', () => {
    const cases: unknown[] = [
      null,
      'text',
      42,
      true,
      [],
      {},
      day,
      [day, { at: day }],
      { items: [{ id: 'a', createdAt: day, tags: ['x', 'y'], n: 1.5, ok: false, none: null }], nextCursor: null, total: 3 },
      { 'dotted.key': day, 'back\\slash': { 'a.b': [day] }, '': { '': day, a: day } },
      { nested: { deeper: { deepest: [[day], [{ when: day }]] } } },
      // the shape of a tRPC error
      {
        message: '请先登录',
        code: -32001,
        data: { code: 'UNAUTHORIZED', httpStatus: 401, fieldErrors: [{ path: 'name', message: '必填' }], domainCode: 'UNAUTHORIZED' },
      },
    ];
    for (const value of cases) expect(received(value), JSON.stringify(value)).toEqual(viaSuperjson(value));
    const rows = [{ id: 'a', when: day }];
    const out = serializeOutput(rows) as { json: unknown; meta: { values: Record<string, string[]> } };
    expect(out.json).toBe(rows);
    expect(out.meta.values).toEqual({ '0.when': ['Date'] });
    expect(serializeOutput({ a: 1 })).toEqual({ json: { a: 1 } });
  });

  it('leaves what plain JSON cannot carry to superjson', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    for (const value of [
      undefined,
      [1, undefined],
      Number.NaN,
      { n: Number.POSITIVE_INFINITY },
      -0,
      10n,
      new Map([['a', 1]]),
      new Set([1]),
      /x/,
      new Date(Number.NaN),
      { p: new Point(1) },
    ]) {
      expect(serializeOutput(value)).toEqual(superjson.serialize(value as never));
    }
    // an undefined property is left out, and reads back as undefined
    expect(received({ a: undefined, b: 1 })).toEqual({ b: 1 });
  });
});
