import superjson from 'superjson';

// What the server sends is read by superjson on the client (apps/web/src/lib/trpc.ts). superjson.serialize walks a
// response copying it and tracking every object it meets for referential equality: for the map's 469 supply rows
// that was ≈ 8 ms of CPU and most of the garbage of a request. The responses here are plain JSON with Dates in
// them, so the output side writes superjson's format itself: the value unchanged (JSON.stringify turns each Date
// into its ISO string) and `meta.values` naming the path of every Date, which is all superjson.deserialize needs to
// revive them. Anything else superjson would annotate (undefined in an array, NaN, BigInt, Map, Set, a class
// instance…) sends the whole value through superjson as before. Inputs are still parsed by superjson.

type Meta = Record<string, ['Date']>;

/** superjson's path syntax: keys joined by '.', with '\' and '.' in a key escaped by '\' (pathstringifier.js). */
const escapeKey = (key: string) => (key.includes('.') || key.includes('\\') ? key.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : key);

const MAX_DEPTH = 64;

/**
 * Records the paths of Dates in `value` (`at`: the keys down to it; a path string is built only for a Date); false
 * when it holds anything plain JSON and Dates cannot say.
 */
function scan(value: unknown, at: string[], dates: Meta): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (at.length > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) return false;
      if (item === null || typeof item !== 'object') {
        if (!scan(item, at, dates)) return false;
        continue;
      }
      at.push(String(i));
      const ok = scan(item, at, dates);
      at.pop();
      if (!ok) return false;
    }
    return true;
  }
  if (value instanceof Date) {
    // a Date at the top is superjson's own case (meta.values is then a list)
    if (Number.isNaN(value.getTime()) || at.length === 0) return false;
    dates[at.map(escapeKey).join('.')] = ['Date'];
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    // JSON leaves out an undefined property, and the client reads the missing key as undefined all the same
    if (item === undefined) continue;
    if (item === null || typeof item !== 'object') {
      if (!scan(item, at, dates)) return false;
      continue;
    }
    at.push(key);
    const ok = scan(item, at, dates);
    at.pop();
    if (!ok) return false;
  }
  return true;
}

/** superjson's wire format for plain data with Dates, without copying it; superjson itself for anything else. */
export function serializeOutput(value: unknown): unknown {
  const dates: Meta = {};
  if (!scan(value, [], dates)) return superjson.serialize(value as Parameters<typeof superjson.serialize>[0]);
  for (const _ in dates) return { json: value, meta: { values: dates, v: 1 } };
  return { json: value };
}

/** tRPC's transformer: inputs as superjson sends them, outputs as superjson reads them. */
export const transformer = {
  input: superjson,
  output: {
    serialize: serializeOutput,
    deserialize: (data: unknown) => superjson.deserialize(data as Parameters<typeof superjson.deserialize>[0]),
  },
};
