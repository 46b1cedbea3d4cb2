import { z } from 'zod';
import data from './data/map-outlines.json' with { type: 'json' };
import { jjjBounds } from '../constants/training-base.ts';

// The 43 map regions (Beijing and Tianjin districts, Hebei prefectures) as coarse outlines, to tell
// which region a coordinate lies in. Server-side only: the web draws the full GeoJSON.

type Outline = { code: string; name: string; center: [number, number]; rings: Array<Array<[number, number]>> };
const outlines = data.rows as Outline[];

export { jjjBounds } from '../constants/training-base.ts';

export const mapRegionCodes: readonly string[] = outlines.map((o) => o.code);

function inRing(lng: number, lat: number, ring: Array<[number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const [xi, yi] = a;
    const [xj, yj] = b;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Squared distance in degrees from the point to the nearest outline vertex. */
function nearestVertex(lng: number, lat: number, o: Outline): number {
  let best = Infinity;
  for (const ring of o.rings) for (const [x, y] of ring) best = Math.min(best, (x - lng) ** 2 + (y - lat) ** 2);
  return best;
}

/** How far outside a thinned outline a point may lie and still count (≈ 2 km). */
const TOLERANCE = 0.02 ** 2;

/**
 * The map region (a Beijing or Tianjin district code, a Hebei prefecture code) a coordinate lies in,
 * or undefined outside 京津冀. Points within ≈ 2 km of a border count for the nearest region,
 * because the outlines are thinned.
 */
export function locateMapRegion(lng: number, lat: number): string | undefined {
  if (lng < jjjBounds.minLng || lng > jjjBounds.maxLng || lat < jjjBounds.minLat || lat > jjjBounds.maxLat) return undefined;
  for (const o of outlines) if (o.rings.some((r) => inRing(lng, lat, r))) return o.code;
  let best: { code: string; d: number } | undefined;
  for (const o of outlines) {
    const d = nearestVertex(lng, lat, o);
    if (!best || d < best.d) best = { code: o.code, d };
  }
  return best && best.d <= TOLERANCE ? best.code : undefined;
}

/** The centre ECharts' map data gives for a map region (for demo data and default map positions). */
export function mapRegionCenter(code: string): [number, number] | undefined {
  return outlines.find((o) => o.code === code)?.center;
}

/** A longitude/latitude pair inside 京津冀. */
export const jjjPointSchema = z
  .object({ lng: z.number().finite(), lat: z.number().finite() })
  .refine((p) => locateMapRegion(p.lng, p.lat) !== undefined, { message: 'geo.outsideJjj', path: ['lng'] });
