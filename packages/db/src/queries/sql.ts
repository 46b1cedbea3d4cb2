import { sql, type SQL } from 'drizzle-orm';
import { DomainError } from '@ronghe/domain/errors';
import type { Database, Drizzle } from '../client.ts';

/** What a query runs on: the database, or a transaction (a drizzle instance) inside it. */
export type Executor = Database | Drizzle;

/** The drizzle instance to build a query on, given either. */
export const ormOf = (db: Executor): Drizzle => ('orm' in db ? db.orm : db);

/** Rows of raw SQL on either engine (PGlite answers { rows }, postgres.js an array), in a transaction or not. */
export async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await ormOf(db).execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A text[] parameter (drizzle would spread a JS array into a list of parameters). */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;
}

/** An integer[] parameter. */
export const intArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::integer[]`;

/** A uuid[] parameter (of ids read from the database, so nothing to quote). */
export const uuidArray = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::uuid[]`;

/** A LIKE / ILIKE pattern matching `q` anywhere, with % _ and \ in it taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ---- keyset cursors -------------------------------------------------------------------------

type CursorKey = 'number' | 'uuid';
type CursorOf<S extends readonly CursorKey[]> = { -readonly [K in keyof S]: S[K] extends 'number' ? number : string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sort keys and id of a page's last row, as the opaque string the client sends back for the next page. */
export const encodeCursor = (keys: readonly (number | string)[]): string => Buffer.from(JSON.stringify(keys)).toString('base64url');

/** The keys of a cursor made by encodeCursor, checked against their kinds; a cursor of any other shape is invalid input. */
export function decodeCursor<const S extends readonly CursorKey[]>(cursor: string, shape: S): CursorOf<S> {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    keys = null;
  }
  const fits = (k: unknown, kind: CursorKey) =>
    kind === 'number' ? typeof k === 'number' && Number.isFinite(k) : typeof k === 'string' && UUID.test(k);
  if (!Array.isArray(keys) || keys.length !== shape.length || !shape.every((kind, i) => fits(keys[i], kind)))
    throw new DomainError('INVALID', 'input.invalid', { field: 'cursor' });
  return keys as CursorOf<S>;
}
