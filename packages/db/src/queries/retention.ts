import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Drizzle } from '../client.ts';
import { outboundMessages, placements, storedFiles } from '../schema/index.ts';
import { writeAudit } from './audit.ts';

/**
 * Deletes the agreement scans of placements that ended before `endedBefore` (a China date, YYYY-MM-DD), writing each
 * deletion to the audit log in the same transaction (scans no placement holds go within a day: deleteUnattachedFiles).
 * Returns what it deleted.
 */
export async function deleteExpiredAgreementScans(db: Database, endedBefore: string) {
  return db.orm.transaction(async (tx: Drizzle) => {
    const ofEnded = await tx
      .select({
        id: storedFiles.id,
        fileName: storedFiles.fileName,
        organizationId: storedFiles.organizationId,
        placementId: placements.id,
      })
      .from(placements)
      .innerJoin(storedFiles, eq(storedFiles.id, placements.agreementFileId))
      .where(lt(placements.periodTo, endedBefore));
    const deleted = ofEnded;
    if (deleted.length === 0) return [];
    // placements keep their agreement's reference and dates; the scan's id goes (foreign key: set null)
    await tx.delete(storedFiles).where(
      inArray(
        storedFiles.id,
        deleted.map((f) => f.id),
      ),
    );
    for (const f of deleted)
      await writeAudit(tx, {
        actorUserId: null,
        action: 'retention.deleteAgreementScan',
        entity: 'stored_file',
        entityId: f.id,
        before: { fileName: f.fileName, placementId: f.placementId },
        organizationId: f.organizationId,
      });
    return deleted;
  });
}

/** Blanks the text of outbox messages older than `before` (codes and links long spent); how many. */
export async function blankOldMessageTexts(db: Database, before: Date): Promise<number> {
  const rows = await db.orm
    .update(outboundMessages)
    .set({ body: '' })
    .where(and(lt(outboundMessages.createdAt, before), sql`${outboundMessages.body} <> ''`))
    .returning({ id: outboundMessages.id });
  return rows.length;
}
