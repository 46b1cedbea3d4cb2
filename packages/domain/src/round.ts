import { z } from 'zod';
import { bestMajorFit } from './matching.ts';
import { regionCodeSchema, regionPath } from './reference/regions.ts';

// 双选 allocation rounds (issue 7): the commission (or a consortium lead) opens a round over a set of needs
// (internship posts and order-class intakes, each with its places) and a set of school cohorts. Each cohort
// ranks needs; each enterprise ranks the cohorts it would take, or takes anyone the hard rules allow. At close,
// deferred acceptance (./allocation) places every student slot, or says why not.

/** draft (setting up) → open (preferences) → closing (results being written) → closed (results shown to the organiser) → published */
export const roundStatuses = ['draft', 'open', 'closing', 'closed', 'published'] as const;
export type RoundStatus = (typeof roundStatuses)[number];

const isoDate = z.iso.date();

export const roundFields = z.object({
  title: z.string().trim().min(2).max(100),
  /** the district, Hebei prefecture or province the round is for (亦庄 is in 大兴区 110115) */
  regionCode: regionCodeSchema,
  /** a consortium-run round: its lead's managers run it with the commission */
  consortiumId: z.uuid().nullable().default(null),
  preferencesOpenOn: isoDate,
  preferencesCloseOn: isoDate,
  resultsOn: isoDate,
  /** keep each cohort's students together (places only where the whole group fits), reported when it costs stability */
  keepGroupsTogether: z.boolean().default(false),
});
export type RoundInput = z.infer<typeof roundFields>;

export function refineRound(v: { preferencesOpenOn: string; preferencesCloseOn: string; resultsOn: string }, ctx: z.RefinementCtx) {
  if (v.preferencesCloseOn < v.preferencesOpenOn)
    ctx.addIssue({ code: 'custom', message: 'booking.endBeforeStart', path: ['preferencesCloseOn'] });
  if (v.resultsOn < v.preferencesCloseOn) ctx.addIssue({ code: 'custom', message: 'round.resultsBeforeClose', path: ['resultsOn'] });
}

/** A cohort's ranked needs: need ids, best first, no repeats (refused by name, not silently merged). */
export const preferenceList = z
  .array(z.uuid())
  .max(20)
  .superRefine((ids, ctx) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: 'round.duplicatePreference', path: [i] });
      seen.add(id);
    });
  });

export type RoundNeedFacts = { majorCodes: readonly string[]; regionCode: string; periodFrom: string | null; periodTo: string | null };
export type RoundCohortFacts = { majorCode: string; windowFrom: string; windowTo: string; regionCodes: readonly string[] };

/** Why a cohort may not be placed in a need, or null when the hard rules allow it. */
export type Ineligibility = 'major' | 'period' | 'region';

/**
 * The hard rules applied before proposing: the cohort's major is at least in the same 专业大类 as one the need asks
 * for; its internship window covers the need's whole period; and it may go to the need's region. The places
 * themselves (the post's 20 % and the enterprise's 10 %) are in the need's capacity for the round.
 */
export function roundIneligibility(need: RoundNeedFacts, cohort: RoundCohortFacts): Ineligibility | null {
  if (need.majorCodes.length > 0 && bestMajorFit(need.majorCodes, cohort.majorCode) === 'none') return 'major';
  if (need.periodFrom && need.periodTo && (cohort.windowFrom > need.periodFrom || cohort.windowTo < need.periodTo)) return 'period';
  const path = regionPath(need.regionCode).map((r) => r.code);
  if (!cohort.regionCodes.some((code) => path.includes(code))) return 'region';
  return null;
}

/** The id of a cohort's n-th student slot (1-based) in a round, as the algorithm sees applicants. */
export const slotId = (cohortId: string, n: number) => `${cohortId}#${n}`;
export function parseSlotId(id: string): { cohortId: string; slot: number } {
  const at = id.lastIndexOf('#');
  return { cohortId: id.slice(0, at), slot: Number(id.slice(at + 1)) };
}

// Issue 18: who runs a round, how needs and cohorts join it, and the dates that hold.

/**
 * A need's or cohort's place in a round: the organiser invited it and its owner has not answered; the owner
 * accepted (or added it itself); the owner declined; or the invitation lapsed when the round opened unanswered.
 * Only accepted entries take part.
 */
export const roundEntryStatuses = ['invited', 'accepted', 'declined', 'lapsed'] as const;
export type RoundEntryStatus = (typeof roundEntryStatuses)[number];

/** Who may organise a round. One function, so that regional admins can be added in one place. */
export function mayOrganizeRound(who: { isPlatformAdmin: boolean; leadsActiveConsortium: boolean }): boolean {
  return who.isPlatformAdmin || who.leadsActiveConsortium;
}

type RoundDates = { preferencesOpenOn: string; preferencesCloseOn: string; resultsOn: string };
export type RoundRefusal = {
  key: 'round.outsideDates' | 'round.closeDatePassed' | 'round.beforeResultsDate';
  params: Record<string, string>;
};

/** Preferences and rankings are taken from the opening to the closing date inclusive (dates in China). */
export function submissionRefusal(round: RoundDates, today: string): RoundRefusal | null {
  if (today < round.preferencesOpenOn || today > round.preferencesCloseOn)
    return { key: 'round.outsideDates', params: { from: round.preferencesOpenOn, to: round.preferencesCloseOn } };
  return null;
}

/** A round may open any day up to its closing date: before the opening date, submissions wait for that date. */
export function openRefusal(round: RoundDates, today: string): RoundRefusal | null {
  if (today > round.preferencesCloseOn) return { key: 'round.closeDatePassed', params: { to: round.preferencesCloseOn } };
  return null;
}

/** Closing while submissions are still allowed (on or before the closing date) is closing early. */
export const closesEarly = (round: RoundDates, today: string) => today <= round.preferencesCloseOn;

/** Results are published on or after the results date. */
export function publishRefusal(round: RoundDates, today: string): RoundRefusal | null {
  if (today < round.resultsOn) return { key: 'round.beforeResultsDate', params: { on: round.resultsOn } };
  return null;
}

/** The reason a platform admin gives for closing a round early, kept in the audit log. */
export const earlyCloseReason = z.string().trim().min(10).max(500);
