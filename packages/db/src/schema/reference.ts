import { boolean, integer, pgTable, smallint, text, varchar } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

// Reference data, synced from packages/domain at every start (upsert by code).

export const regions = pgTable('region', {
  code: varchar('code', { length: 6 }).primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['province', 'prefecture', 'county'] }).notNull(),
  parentCode: varchar('parent_code', { length: 6 }).references((): AnyPgColumn => regions.code, { onDelete: 'restrict' }),
  provinceCode: varchar('province_code', { length: 2 }).notNull(),
  statutory: boolean('statutory').notNull(),
});

export const majorCategories = pgTable('major_category', {
  seq: smallint('seq').primaryKey(),
  name: text('name').notNull(),
  codeZhongzhi: varchar('code_zhongzhi', { length: 2 }).notNull(),
  codeGaozhi: varchar('code_gaozhi', { length: 2 }).notNull(),
  codeBenke: varchar('code_benke', { length: 2 }).notNull(),
});

export const majors = pgTable('major', {
  code: varchar('code', { length: 6 }).primaryKey(),
  name: text('name').notNull(),
  level: text('level', { enum: ['zhongzhi', 'gaozhi', 'benke'] }).notNull(),
  classCode: varchar('class_code', { length: 4 }).notNull(),
  className: text('class_name').notNull(),
  categorySeq: smallint('category_seq')
    .notNull()
    .references(() => majorCategories.seq, { onDelete: 'restrict' }),
  /** shipped starter subset, as opposed to the official catalogue imported by an admin */
  starter: boolean('starter').notNull().default(false),
});

export const industries = pgTable('industry', {
  code: varchar('code', { length: 2 }).primaryKey(),
  level: text('level', { enum: ['section', 'division'] }).notNull(),
  section: varchar('section', { length: 1 }).notNull(),
  name: text('name').notNull(),
});

export const gaojingjianIndustries = pgTable('gaojingjian_industry', {
  id: integer('id').primaryKey(),
  framework: text('framework').notNull(),
  seq: smallint('seq').notNull(),
  name: text('name').notNull(),
  group: text('group'),
});

export const planTargets = pgTable('plan_target', {
  code: varchar('code', { length: 3 }).primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  unit: text('unit').notNull(),
  target2027: integer('target_2027').notNull(),
  targetText: text('target_text').notNull(),
  source: text('source', { enum: ['computed', 'reported'] }).notNull(),
});
