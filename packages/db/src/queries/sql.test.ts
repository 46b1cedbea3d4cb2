import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, intArray, likePattern, textArray, uuidArray } from './sql.ts';

const dialect = new PgDialect();
const id = '0b8e6f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('shared SQL helpers', () => {
  it('passes arrays as one parameter, quoting text', () => {
    expect(dialect.sqlToQuery(textArray(['a"b', 'c\\d', 'e,f']))).toMatchObject({
      sql: '$1::text[]',
      params: ['{"a\\"b","c\\\\d","e,f"}'],
    });
    expect(dialect.sqlToQuery(intArray([1, 2]))).toMatchObject({ sql: '$1::integer[]', params: ['{1,2}'] });
    expect(dialect.sqlToQuery(uuidArray([id]))).toMatchObject({ sql: '$1::uuid[]', params: [`{${id}}`] });
  });

  it('takes LIKE wildcards in a keyword literally', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('round-trips a keyset cursor and refuses one of another shape', () => {
    const cursor = encodeCursor([1.5, -2, id]);
    expect(decodeCursor(cursor, ['number', 'number', 'uuid'])).toEqual([1.5, -2, id]);
    for (const bad of [encodeCursor([1, id]), encodeCursor([1, 2, 'x']), encodeCursor(['1', 2, id]), 'not base64 json', ''])
      expect(() => decodeCursor(bad, ['number', 'number', 'uuid'])).toThrow(
        expect.objectContaining({ code: 'INVALID', key: 'input.invalid', field: 'cursor' }),
      );
  });
});
