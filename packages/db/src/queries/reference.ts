import { asc } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { industries, majorCategories, majors, planTargets, regions } from '../schema/index.ts';

export const listRegions = (db: Database) => db.orm.select().from(regions).orderBy(asc(regions.code));

export const listMajorCategories = (db: Database) => db.orm.select().from(majorCategories).orderBy(asc(majorCategories.seq));

export const listMajors = (db: Database) => db.orm.select().from(majors).orderBy(asc(majors.code));

export const listIndustries = (db: Database) => db.orm.select().from(industries).orderBy(asc(industries.code));

export const listPlanTargets = (db: Database) => db.orm.select().from(planTargets).orderBy(asc(planTargets.code));
