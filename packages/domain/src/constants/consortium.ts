// Consortia's fixed lists, with no validator: the web imports these at run time, and the zod schemas
// in ../consortium.ts are built from them, so there is one copy.

export const consortiumKinds = ['city_union', 'industry_community'] as const;
export type ConsortiumKind = (typeof consortiumKinds)[number];

export const consortiumLevels = ['national', 'municipal', 'district'] as const;
export type ConsortiumLevel = (typeof consortiumLevels)[number];
