import { and, inArray } from 'drizzle-orm';
import { vouchedStatuses } from '@ronghe/domain/organization';
import { organizations } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

export type ImportKeys = {
  usccs: string[];
  schoolCodes: string[];
  nameRegions: Array<{ name: string; regionCode: string }>;
};

// Callers pass at most a few thousand keys (the import is capped at 5,000 rows): one IN list per
// kind of key stays far below PostgreSQL's 65,535 parameters.

// Imported organisations are verified: a key is taken when an organisation the commission vouched for holds it (the
// unique indexes of migration 0018); pending or rejected claims do not block the import.
const vouched = inArray(organizations.status, [...vouchedStatuses]);

/** Which of these keys (each unique among vouched-for organisations) are already taken. */
export async function existingKeys(db: Executor, keys: ImportKeys): Promise<ImportKeys> {
  const orm = ormOf(db);
  const usccs =
    keys.usccs.length === 0
      ? []
      : await orm
          .select({ uscc: organizations.uscc })
          .from(organizations)
          .where(and(inArray(organizations.uscc, keys.usccs), vouched));
  const schoolCodes =
    keys.schoolCodes.length === 0
      ? []
      : await orm
          .select({ schoolCode: organizations.schoolCode })
          .from(organizations)
          .where(and(inArray(organizations.schoolCode, keys.schoolCodes), vouched));
  // Candidates by name, then the exact (name, region) pairs in memory: simpler than a row-value IN list.
  const names = [...new Set(keys.nameRegions.map((k) => k.name))];
  const candidates =
    names.length === 0
      ? []
      : await orm
          .select({ name: organizations.name, regionCode: organizations.regionCode })
          .from(organizations)
          .where(and(inArray(organizations.name, names), vouched));
  const taken = new Set(candidates.map((c) => `${c.name}\u0000${c.regionCode}`));
  return {
    usccs: usccs.flatMap((r) => (r.uscc ? [r.uscc] : [])),
    schoolCodes: schoolCodes.flatMap((r) => (r.schoolCode ? [r.schoolCode] : [])),
    nameRegions: keys.nameRegions.filter((k) => taken.has(`${k.name}\u0000${k.regionCode}`)),
  };
}
