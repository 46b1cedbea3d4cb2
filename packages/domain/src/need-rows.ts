import { z } from 'zod';
import { cohortStatuses } from './cohort.ts';
import { applicationDirections, applicationStatuses, needInputSchema, needKinds, needStatuses } from './need.ts';

// What a need, a cohort and an application look like across the API, each written once: the routers' `.output()`
// use these, and the db queries' hand-written row types (NeedHit) are inferred from them.

/** The columns every kind shares; `details` holds the kind's own fields (domain/need.ts needInputSchema). */
const needColumns = {
  id: z.string(),
  organizationId: z.string(),
  title: z.string(),
  description: z.string(),
  regionCode: z.string(),
  deadline: z.string(),
  majorCodes: z.array(z.string()),
  headcount: z.number().nullable(),
  accepted: z.number(),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  status: z.enum(needStatuses),
  publishedAt: z.date().nullable(),
};

const shared = { kind: true, title: true, description: true, regionCode: true, deadline: true, majorCodes: true } as const;
const [internship, orderClass, curriculum, textbook, teacherPractice, technicalProblem, baseBuilding] = needInputSchema.options;

/** A kind's stored details: its input fields but the shared columns, each optional (rows written before a field existed). */
const rowOf = <K extends z.ZodLiteral<string>, D extends z.ZodRawShape>(kind: K, details: z.ZodObject<D>) =>
  z.object({ ...needColumns, kind, details: details.partial() });

/** A stored need, its `details` by kind: a discriminated union on `kind`. */
export const needRow = z.discriminatedUnion('kind', [
  rowOf(internship.shape.kind, internship.omit(shared)),
  rowOf(orderClass.shape.kind, orderClass.omit(shared)),
  rowOf(curriculum.shape.kind, curriculum.omit(shared)),
  rowOf(textbook.shape.kind, textbook.omit(shared)),
  rowOf(teacherPractice.shape.kind, teacherPractice.omit(shared)),
  rowOf(technicalProblem.shape.kind, technicalProblem.omit(shared)),
  rowOf(baseBuilding.shape.kind, baseBuilding.omit(shared)),
]);
export type NeedRowView = z.infer<typeof needRow>;
export type NeedDetails<K extends NeedRowView['kind']> = Extract<NeedRowView, { kind: K }>['details'];

/** One need on its page: the row, who posted it, where, and the consortium that endorsed it. */
export const needView = z.intersection(
  needRow,
  z.object({
    organizationName: z.string(),
    regionName: z.string(),
    consortiumId: z.string().nullable(),
    consortiumName: z.string().nullable(),
  }),
);

/** A need in the public list (needs.search): no contacts, no details. */
export const needHit = z.object({
  id: z.string(),
  kind: z.enum(needKinds),
  title: z.string(),
  organizationName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  majorCodes: z.array(z.string()),
  headcount: z.number().nullable(),
  accepted: z.number(),
  remaining: z.number().nullable(),
  deadline: z.string(),
  publishedAt: z.date().nullable(),
});
export type NeedHit = z.infer<typeof needHit>;

/** A value an audit record keeps of a field before or after a change: a JSON value. */
export const auditValue = z.json();

/** One entry of a need's history (needs.history): an edit or the publishing, with the fields' values before and after. */
export const needHistoryEntry = z.object({
  id: z.number(),
  at: z.date(),
  action: z.string(),
  before: z.record(z.string(), auditValue).nullable(),
  after: z.record(z.string(), auditValue).nullable(),
  actorName: z.string().nullable(),
});

/** A school's application to a need, or an enterprise's invitation to a cohort, as both sides list it. */
export const applicationRow = z.object({
  id: z.string(),
  needId: z.string(),
  needTitle: z.string(),
  organizationId: z.string(),
  organizationName: z.string(),
  cohortId: z.string().nullable(),
  students: z.number(),
  accepted: z.number(),
  message: z.string(),
  status: z.enum(applicationStatuses),
  direction: z.enum(applicationDirections),
  expiresAt: z.date().nullable(),
  reason: z.string(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
});

/** A school's cohort as its members see it. */
export const cohortRow = z.object({
  id: z.string(),
  organizationId: z.string(),
  majorCode: z.string(),
  level: z.string(),
  year: z.number(),
  students: z.number(),
  windowFrom: z.string(),
  windowTo: z.string(),
  regionCodes: z.array(z.string()),
  teachers: z.number(),
  note: z.string(),
  status: z.enum(cohortStatuses),
});

/** One cohort on its page: others see an open one with the school's contacts masked (`masked`). */
export const cohortView = cohortRow.extend({
  organizationName: z.string(),
  organizationRegionCode: z.string().nullable(),
  taken: z.number(),
  contactName: z.string(),
  contactPhone: z.string(),
  canEdit: z.boolean(),
  masked: z.boolean(),
});

/** A recommendation's score: the total and its parts. */
export const matchScore = z.object({
  total: z.number(),
  parts: z.array(z.object({ key: z.string(), points: z.number(), max: z.number(), level: z.string() })),
});
