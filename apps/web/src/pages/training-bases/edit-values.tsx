// The base form's values: empty ones for a new base, the saved ones for an edit, and the API input they make.
import { skipToken, useQuery } from '@tanstack/react-query';
import type { OpenTerms, TrainingBaseKind } from '@ronghe/domain/constants/training-base';
import { useTRPC } from '../../lib/trpc.ts';

// The lists come from the domain's zod-free constants; the server validates again and answers per field.
// jjjBounds: the box around 京津冀; the server also checks the point is inside the outline.
export { jjjBounds, openTerms as terms, trainingBaseKinds as kinds } from '@ronghe/domain/constants/training-base';
export const MAX_STATIONS = 100_000;
export const MOBILE = /^1[3-9]\d{9}$/;
export const compactPhone = (s: string) => s.replace(/[\s-]/g, '');

export type Equipment = { name: string; model: string; count: number | null };
export type Labelled = { value: string; label: string };

export type Values = {
  organizationId?: string;
  kind?: TrainingBaseKind;
  name: string;
  description: string;
  majorCodes: string[];
  industryCodes: string[];
  coBuilderIds: string[];
  consortiumIds: string[];
  /** the cascader's path, province first */
  regionCode: string[];
  address: string;
  lng: number | null;
  lat: number | null;
  stations: number | null;
  dailyCapacity: number | null;
  equipment: Equipment[];
  openingHours: string;
  openToPartners: boolean;
  openTerms: OpenTerms | null;
  termsNote: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** uploaded photos, in display order */
  photoIds: string[];
};

export type Detail = NonNullable<ReturnType<typeof useBase>['data']>;

export function useBase(id: string | undefined) {
  const trpc = useTRPC();
  return useQuery(trpc.trainingBases.get.queryOptions(id ? { id } : skipToken, { retry: false }));
}

// Every field the server may name in an error has a value here, so applyFieldErrors can find it.
export const emptyValues: Values = {
  name: '',
  description: '',
  majorCodes: [],
  industryCodes: [],
  coBuilderIds: [],
  consortiumIds: [],
  regionCode: [],
  address: '',
  lng: null,
  lat: null,
  stations: null,
  dailyCapacity: null,
  equipment: [],
  openingHours: '',
  openToPartners: false,
  openTerms: null,
  termsNote: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
  photoIds: [],
};

/** The cascader path of a region code: Beijing and Tianjin districts sit under the province, Hebei counties under a prefecture. */
export function regionPath(code: string, parentOf: (code: string) => string | null | undefined): string[] {
  const path = [code];
  for (let p = parentOf(code); p; p = parentOf(p)) path.unshift(p);
  return path;
}

export function valuesOf(d: Detail, regionCodePath: string[]): Values {
  return {
    kind: d.kind,
    name: d.name,
    description: d.description,
    majorCodes: d.majorCodes,
    industryCodes: d.industryCodes,
    coBuilderIds: d.coBuilders.map((c) => c.id),
    consortiumIds: d.consortia.map((c) => c.id),
    regionCode: regionCodePath,
    address: d.address,
    lng: d.lng,
    lat: d.lat,
    stations: d.stations,
    dailyCapacity: d.dailyCapacity,
    equipment: d.equipment,
    openingHours: d.openingHours,
    openToPartners: d.openToPartners,
    openTerms: d.openTerms,
    termsNote: d.termsNote,
    contactName: d.contactName,
    contactPhone: d.contactPhone,
    contactEmail: d.contactEmail,
    photoIds: d.photos.map((ph) => ph.id),
  };
}

/** The fields of trainingBases.create / update (required numbers are checked by the form before this runs). */
export function fieldsOf(v: Values) {
  return {
    kind: v.kind ?? 'campus',
    name: v.name,
    description: v.description,
    majorCodes: v.majorCodes,
    industryCodes: v.industryCodes,
    coBuilderIds: v.coBuilderIds,
    consortiumIds: v.consortiumIds,
    regionCode: v.regionCode.at(-1) ?? '',
    address: v.address,
    lng: v.lng ?? 0,
    lat: v.lat ?? 0,
    stations: v.stations ?? 0,
    dailyCapacity: v.dailyCapacity ?? 0,
    equipment: v.equipment.map((e) => ({ name: e.name, model: e.model, count: e.count ?? 0 })),
    openingHours: v.openingHours,
    openToPartners: v.openToPartners,
    openTerms: v.openToPartners ? v.openTerms : null,
    termsNote: v.termsNote,
    contactName: v.contactName,
    contactPhone: compactPhone(v.contactPhone),
    contactEmail: v.contactEmail.trim(),
    photoIds: v.photoIds,
  };
}
