import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { users } from './auth.ts';
import { organizations } from './organizations.ts';
import { trainingBases } from './training-bases.ts';

/** What an uploaded file is for: it decides the allowed types, the size limit and who may read it. */
export const filePurposes = ['base_photo', 'placement_agreement'] as const;
export type FilePurpose = (typeof filePurposes)[number];

/** At most this many photos per training base. */
export const MAX_BASE_PHOTOS = 6;

// PGlite hands bytea back as Uint8Array, postgres.js as a Buffer: read as a plain Uint8Array on both. Both take either.
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v),
});

/**
 * Uploaded files, kept in the database so that any server process can serve them and backups hold them
 * (docs/decisions/012-files.md). Reads select the bytes only when sending a file.
 */
export const storedFiles = pgTable(
  'stored_file',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    purpose: text('purpose', { enum: filePurposes }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    /** hex SHA-256 of the bytes */
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stored_file_organization_idx').on(t.organizationId, t.purpose, t.createdAt),
    check('stored_file_size', sql`${t.byteSize} > 0 AND ${t.byteSize} = octet_length(${t.bytes})`),
  ],
);

/** A base's photos in display order; a photo belongs to one base. */
export const trainingBasePhotos = pgTable(
  'training_base_photo',
  {
    baseId: uuid('base_id')
      .notNull()
      .references(() => trainingBases.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.baseId, t.position] }),
    uniqueIndex('training_base_photo_file_idx').on(t.fileId),
    check('training_base_photo_position', sql`${t.position} >= 0 AND ${t.position} < ${sql.raw(String(MAX_BASE_PHOTOS))}`),
  ],
);
