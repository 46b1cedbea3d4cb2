import type { Database } from '@ronghe/db/client';
import { searchNeeds, type NeedSearch } from '@ronghe/db/queries/needs';
import { decodeCursor, encodeCursor } from '@ronghe/db/queries/sql';
import { todayInChina } from '@ronghe/domain/training-base';

// The public list of needs (needs.search): published needs still open to apply, keyset-paginated, no contacts.

export type NeedSearchInput = Pick<NeedSearch, 'kind' | 'regionCode' | 'major' | 'q' | 'sort' | 'limit'> & { cursor?: string };

/** Anyone: one page of open needs, with the places left on each and the cursor of the next page (null on the last). */
export async function search(db: Database, input: NeedSearchInput) {
  const after = input.cursor ? decodeCursor(input.cursor, ['number', 'uuid'] as const) : undefined;
  const rows = await searchNeeds(db, { ...input, q: input.q || undefined, today: todayInChina(), after, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ k1: _k, ...r }) => ({ ...r, remaining: r.headcount === null ? null : Math.max(0, r.headcount - r.accepted) })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([Number(last.k1), last.id]) : null,
  };
}
