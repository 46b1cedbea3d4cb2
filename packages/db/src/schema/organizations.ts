import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import type { SchoolDesignation } from '@ronghe/domain/monitoring';
import { organizationKinds, organizationStatuses, partnerTypes, schoolLevels } from '@ronghe/domain/organization';
import { createdAt, id, updatedAt } from './columns.ts';
import { industries, regions } from './reference.ts';

export const organizations = pgTable(
  'organization',
  {
    id: id(),
    kind: text('kind', { enum: organizationKinds }).notNull(),
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code, { onDelete: 'restrict' }),
    address: text('address').notNull().default(''),
    status: text('status', { enum: organizationStatuses }).notNull().default('pending'),
    /** 统一社会信用代码, enterprises (and partners that have one) */
    uscc: varchar('uscc', { length: 18 }),
    /** 学校标识码 */
    schoolCode: varchar('school_code', { length: 10 }),
    schoolLevel: text('school_level', { enum: schoolLevels }),
    partnerType: text('partner_type', { enum: partnerTypes }),
    industryCode: varchar('industry_code', { length: 2 }).references(() => industries.code, { onDelete: 'restrict' }),
    staffCount: integer('staff_count'),
    isLeadingEnterprise: boolean('is_leading_enterprise').notNull().default(false),
    /** a school's designations (新设职业本科, 新型高职, 国家/北京市双高), set by admins: T04–T06, T08 */
    designations: text('designations')
      .array()
      .$type<SchoolDesignation[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    description: text('description').notNull().default(''),
    /** contact person and phone: shown masked to people outside the organisation */
    contactName: text('contact_name').notNull().default(''),
    contactPhone: varchar('contact_phone', { length: 11 }).notNull().default(''),
    /** why it was rejected or suspended, shown to its members */
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    /** the user who registered it (not a foreign key: users may be deleted, the record stays) */
    createdByUserId: text('created_by_user_id'),
    /** demo rows are loaded by the seed and marked in the UI */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // A code (and a name in a region) belongs to one organisation the commission vouched for (verified, or verified
    // and then suspended). Pending claims may compete, a rejected one releases it (docs/security.md, squatting).
    uniqueIndex('organization_uscc_verified_key')
      .on(t.uscc)
      .where(sql`status in ('verified', 'suspended')`),
    uniqueIndex('organization_school_code_verified_key')
      .on(t.schoolCode)
      .where(sql`status in ('verified', 'suspended')`),
    uniqueIndex('organization_name_region_verified_key')
      .on(t.name, t.regionCode)
      .where(sql`status in ('verified', 'suspended')`),
    // a double submission by one user creates one pending row
    uniqueIndex('organization_pending_claim_key')
      .on(t.createdByUserId, t.name, t.regionCode)
      .where(sql`status = 'pending'`),
    index('organization_uscc_idx').on(t.uscc),
    index('organization_school_code_idx').on(t.schoolCode),
    index('organization_status_idx').on(t.status, t.createdAt),
    index('organization_kind_region_idx').on(t.kind, t.regionCode),
    // 2-character Chinese terms (数控, 护理) are found through this index; see migrations/0001.
    index('organization_name_bigrams_idx').using('gin', sql`ronghe_bigrams(${t.name})`),
    check('organization_staff_count_positive', sql`${t.staffCount} IS NULL OR ${t.staffCount} > 0`),
  ],
);
