// What the search page (/bases) and the map (/bases/map) share: the kinds, the URL filters, the map-region centres.
import { trainingBaseKinds as baseKinds, type TrainingBaseKind } from '@ronghe/domain/constants/training-base';

export { baseKinds };

/** The longest free-stations range the API accepts (MAX_BOOKING_DAYS). */
export const MAX_FREE_DAYS = 92;

export const isKind = (v: string | null): v is TrainingBaseKind => baseKinds.some((k) => k === v);

/** The filters as the search API takes them, read from the URL query string. */
export type BaseFilters = {
  q?: string;
  kind?: TrainingBaseKind;
  regionCode?: string;
  majorCategory?: number;
  majorCode?: string;
  industryCode?: string;
  openToPartners?: boolean;
  freeFrom?: string;
  freeTo?: string;
  freeStations?: number;
};

const day = /^\d{4}-\d{2}-\d{2}$/;
const text = (params: URLSearchParams, key: string, pattern: RegExp) => {
  const v = params.get(key)?.trim();
  return v && pattern.test(v) ? v : undefined;
};
const int = (params: URLSearchParams, key: string, min: number, max: number) => {
  const n = Number(params.get(key));
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Filters from the URL; anything malformed is ignored rather than sent. */
export function filtersFromParams(params: URLSearchParams): BaseFilters {
  const kind = params.get('kind');
  const freeFrom = text(params, 'freeFrom', day);
  const freeTo = text(params, 'freeTo', day);
  const free = freeFrom && freeTo && freeTo >= freeFrom;
  return {
    q: params.get('q')?.trim() || undefined,
    kind: isKind(kind) ? kind : undefined,
    regionCode: text(params, 'regionCode', /^\d{6}$/),
    majorCategory: int(params, 'majorCategory', 1, 19),
    majorCode: text(params, 'majorCode', /^\d{6}$/),
    industryCode: text(params, 'industryCode', /^\d{2}$/),
    openToPartners: params.get('openToPartners') === 'true' ? true : undefined,
    ...(free ? { freeFrom, freeTo, freeStations: int(params, 'freeStations', 1, 100_000) ?? 1 } : {}),
  };
}

/** A link to the search page with these filters. */
export function searchHref(filters: BaseFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '' && v !== false) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `/bases?${qs}` : '/bases';
}

/** Centres of the 43 map regions (Beijing and Tianjin districts, Hebei prefectures), from the map data's `cp`. */
export const mapRegionCentres: Record<string, readonly [number, number]> = {
  '110101': [116.4188, 39.9175],
  '110102': [116.3668, 39.9153],
  '110105': [116.4864, 39.9215],
  '110106': [116.287, 39.8636],
  '110107': [116.1954, 39.9146],
  '110108': [116.3103, 39.9561],
  '110109': [116.1054, 39.9372],
  '110111': [116.1392, 39.7355],
  '110112': [116.6586, 39.9025],
  '110113': [116.6535, 40.1289],
  '110114': [116.2359, 40.2181],
  '110115': [116.338, 39.7289],
  '110116': [116.6371, 40.3243],
  '110117': [117.1123, 40.1448],
  '110118': [116.8434, 40.3774],
  '110119': [115.985, 40.4653],
  '120101': [117.1959, 39.1183],
  '120102': [117.2266, 39.1221],
  '120103': [117.2175, 39.1019],
  '120104': [117.1641, 39.1205],
  '120105': [117.2016, 39.1566],
  '120106': [117.1633, 39.1751],
  '120110': [117.314, 39.0878],
  '120111': [117.1222, 39.0294],
  '120112': [117.3825, 38.9896],
  '120113': [117.1748, 39.2556],
  '120114': [117.058, 39.4669],
  '120115': [117.4281, 39.597],
  '120116': [117.6542, 39.0328],
  '120117': [117.6383, 39.3589],
  '120118': [116.9253, 38.9357],
  '120119': [117.4074, 40.0453],
  '130100': [114.5025, 38.0455],
  '130200': [118.1754, 39.6351],
  '130300': [119.5866, 39.9425],
  '130400': [114.4907, 36.6123],
  '130500': [114.5089, 37.0682],
  '130600': [115.4823, 38.8677],
  '130700': [114.8841, 40.8119],
  '130800': [117.9392, 40.9762],
  '130900': [116.8575, 38.3106],
  '131000': [116.7044, 39.5239],
  '131100': [115.666, 37.7351],
};
