import { and, asc, eq, inArray, lt, notExists, notInArray, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { placements, storedFiles, trainingBasePhotos, trainingBases, type FilePurpose } from '../schema/index.ts';
import { ormOf, type Executor } from './sql.ts';

// Uploaded files (kept in PostgreSQL: docs/decisions/012-files.md), base photos and placement agreements.

export type NewStoredFile = Omit<typeof storedFiles.$inferInsert, 'id' | 'createdAt'>;

export async function insertStoredFile(db: Executor, values: NewStoredFile): Promise<{ id: string }> {
  const [row] = await ormOf(db).insert(storedFiles).values(values).returning({ id: storedFiles.id });
  if (!row) throw new Error('insert returned no row');
  return row;
}

const metaColumns = {
  id: storedFiles.id,
  organizationId: storedFiles.organizationId,
  purpose: storedFiles.purpose,
  fileName: storedFiles.fileName,
  contentType: storedFiles.contentType,
  byteSize: storedFiles.byteSize,
  sha256: storedFiles.sha256,
  createdAt: storedFiles.createdAt,
};

export type StoredFileMeta = {
  id: string;
  organizationId: string;
  purpose: FilePurpose;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  createdAt: Date;
};

/** A file's description, without its bytes. */
export async function getFileMeta(db: Executor, id: string): Promise<StoredFileMeta | null> {
  const [row] = await ormOf(db).select(metaColumns).from(storedFiles).where(eq(storedFiles.id, id));
  return row ?? null;
}

/** The bytes of a file, for sending it. */
export async function getFileBytes(db: Database, id: string): Promise<Uint8Array | null> {
  const [row] = await db.orm.select({ bytes: storedFiles.bytes }).from(storedFiles).where(eq(storedFiles.id, id));
  return row?.bytes ?? null;
}

/** Descriptions of these files, held FOR UPDATE so two writes cannot attach one file twice. */
export async function lockFiles(tx: Drizzle, ids: readonly string[]): Promise<StoredFileMeta[]> {
  if (!ids.length) return [];
  return tx
    .select(metaColumns)
    .from(storedFiles)
    .where(inArray(storedFiles.id, [...ids]))
    .orderBy(asc(storedFiles.id))
    .for('update');
}

/** The base a photo is attached to, if any. */
export async function baseOfPhoto(db: Executor, fileId: string) {
  const [row] = await ormOf(db)
    .select({ baseId: trainingBases.id, status: trainingBases.status, ownerOrganizationId: trainingBases.ownerOrganizationId })
    .from(trainingBasePhotos)
    .innerJoin(trainingBases, eq(trainingBases.id, trainingBasePhotos.baseId))
    .where(eq(trainingBasePhotos.fileId, fileId));
  return row ?? null;
}

/** Photo ids of a base in display order. */
export async function basePhotoIds(db: Executor, baseId: string): Promise<string[]> {
  const rows = await ormOf(db)
    .select({ fileId: trainingBasePhotos.fileId })
    .from(trainingBasePhotos)
    .where(eq(trainingBasePhotos.baseId, baseId))
    .orderBy(asc(trainingBasePhotos.position));
  return rows.map((r) => r.fileId);
}

/** Sets a base's photos to `fileIds` in this order; photos it no longer shows are deleted with their bytes. */
export async function replaceBasePhotos(tx: Drizzle, baseId: string, fileIds: readonly string[]): Promise<void> {
  const before = await basePhotoIds(tx, baseId);
  await tx.delete(trainingBasePhotos).where(eq(trainingBasePhotos.baseId, baseId));
  if (fileIds.length) await tx.insert(trainingBasePhotos).values(fileIds.map((fileId, position) => ({ baseId, fileId, position })));
  const dropped = before.filter((id) => !fileIds.includes(id));
  if (dropped.length) await tx.delete(storedFiles).where(inArray(storedFiles.id, dropped));
}

/** The placements (either side) whose agreement this file is. */
export async function placementsOfAgreement(db: Executor, fileId: string) {
  return ormOf(db)
    .select({ id: placements.id, schoolId: placements.schoolId, enterpriseId: placements.enterpriseId })
    .from(placements)
    .where(eq(placements.agreementFileId, fileId));
}

/**
 * Uploads never attached to a base or a placement, older than `before`: an abandoned form leaves them. Deleted by
 * housekeeping; returns how many went.
 */
export async function deleteUnattachedFiles(db: Database, before: Date): Promise<number> {
  const gone = await db.orm
    .delete(storedFiles)
    .where(
      and(
        lt(storedFiles.createdAt, before),
        notExists(
          db.orm
            .select({ one: sql`1` })
            .from(trainingBasePhotos)
            .where(eq(trainingBasePhotos.fileId, storedFiles.id)),
        ),
        notInArray(
          storedFiles.id,
          db.orm
            .select({ id: sql<string>`${placements.agreementFileId}` })
            .from(placements)
            .where(sql`${placements.agreementFileId} is not null`),
        ),
      ),
    )
    .returning({ id: storedFiles.id });
  return gone.length;
}
