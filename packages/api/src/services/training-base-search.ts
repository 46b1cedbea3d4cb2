import type { Database } from '@ronghe/db/client';
import { decodeCursor, encodeCursor } from '@ronghe/db/queries/sql';
import { baseMapPoints, SEARCH_TOTAL_CAP, searchTrainingBases, type BaseSearch } from '@ronghe/db/queries/training-base-search';
import { DomainError } from '@ronghe/domain/errors';
import { daysBetween, MAX_BOOKING_DAYS } from '@ronghe/domain/training-base';

// Finding published training bases: anyone may, so there is no one to authorise; the rules here are the filters'.

export type BaseFilters = Omit<BaseSearch, 'free' | 'sort' | 'near' | 'after' | 'limit' | 'withTotal'> & {
  /** only bases with `freeStations` stations free on every day of [freeFrom, freeTo] */
  freeFrom?: string;
  freeTo?: string;
  freeStations: number;
};

/** The query's filter; a free-days range must have both ends, in order, and be no longer than a booking may be. */
function toSearch(input: BaseFilters): Omit<BaseSearch, 'sort' | 'limit' | 'withTotal'> {
  const { freeFrom, freeTo, freeStations, ...filters } = input;
  if ((freeFrom && !freeTo) || (freeTo && !freeFrom) || (freeFrom && freeTo && freeTo < freeFrom))
    throw new DomainError('INVALID', 'booking.endBeforeStart', { field: 'freeTo' });
  if (freeFrom && freeTo && daysBetween(freeFrom, freeTo) > MAX_BOOKING_DAYS)
    throw new DomainError('INVALID', 'booking.tooLong', { field: 'freeTo' });
  return {
    ...filters,
    q: filters.q || undefined,
    free: freeFrom && freeTo ? { from: freeFrom, to: freeTo, stations: freeStations } : undefined,
  };
}

/**
 * A page of matching bases, keyset-paginated by an opaque cursor. The first page also counts the matches, up to
 * SEARCH_TOTAL_CAP (`totalCapped` when there are more). Sorting by distance needs the point to measure from.
 */
export async function searchBases(
  db: Database,
  input: BaseFilters & { sort: BaseSearch['sort']; near?: { lng: number; lat: number }; cursor?: string; limit: number },
) {
  const { sort, near, cursor, limit, ...filters } = input;
  if (sort === 'distance' && !near) throw new DomainError('INVALID', 'input.invalid', { field: 'near' });
  const after = cursor ? decodeCursor(cursor, ['number', 'number', 'uuid']) : undefined;
  const rows = await searchTrainingBases(db, { ...toSearch(filters), sort, near, after, limit: limit + 1, withTotal: !after });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const total = rows[0]?.total ?? 0;
  return {
    items: page.map(({ k1, total: _t, k2: _k, ...r }) => ({
      ...r,
      distanceKm: sort === 'distance' && near ? Math.sqrt(k1) * 111.32 : null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor([Number(last.k1), Number(last.k2), last.id]) : null,
    total: after ? null : Math.min(total, SEARCH_TOTAL_CAP),
    totalCapped: !after && total > SEARCH_TOTAL_CAP,
  };
}

/** Coordinates of matching bases for the map's point layer, the largest first (at most `limit`). */
export function basePoints(db: Database, input: BaseFilters & { limit: number }) {
  const { limit, ...filters } = input;
  return baseMapPoints(db, { ...toSearch(filters), sort: 'capacity', limit, withTotal: false });
}
