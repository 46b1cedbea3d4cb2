import type { Database } from '@ronghe/db/client';
import { listAudit } from '@ronghe/db/queries/audit';
import { auditValue } from '@ronghe/domain/need-rows';
import { z } from 'zod';

// The audit log as admins read it (admin.auditLog; adminProcedure has already checked the caller).

/** One audit record: who did what to which entity, with the JSON it kept before and after. */
export const auditEntry = z.object({
  id: z.number(),
  at: z.date(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: auditValue,
  after: auditValue,
  organizationId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
});

/** A page of the log, newest first; `next` is the id to pass as the cursor for the page after. */
export async function auditLog(
  db: Database,
  input: { entity?: string; action?: string; organizationId?: string; cursor?: number | null; limit: number },
) {
  const rows = await listAudit(db, { ...input, beforeId: input.cursor ?? undefined, limit: input.limit + 1 });
  const items = z.array(auditEntry).parse(rows.slice(0, input.limit)); // before and after are stored as jsonb: typed here as JSON values
  return { items, next: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}
