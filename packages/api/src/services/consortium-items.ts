import type { Database, Drizzle } from '@ronghe/db/client';
import {
  deleteConsortiumItem,
  insertConsortiumEvent,
  insertConsortiumItem,
  lockConsortium,
  lockMembership,
} from '@ronghe/db/queries/consortia';
import type { ConsortiumItemKind } from '@ronghe/domain/consortium';
import { DomainError } from '@ronghe/domain/errors';
import { managers, requireRole, type Caller } from './authz.ts';

// The lists a union keeps (products and services, technology needs, talent needs); leads edit them.

async function requireLeadOf(tx: Drizzle, caller: Caller, consortiumId: string, organizationId: string) {
  await requireRole(tx, caller, organizationId, managers);
  if (!(await lockConsortium(tx, consortiumId))) throw new DomainError('NOT_FOUND', 'notFound');
  const m = await lockMembership(tx, consortiumId, organizationId);
  if (!m || m.status !== 'active' || m.role !== 'lead') throw new DomainError('FORBIDDEN', 'consortium.notLead');
}

export async function addConsortiumItem(
  db: Database,
  caller: Caller,
  input: { consortiumId: string; organizationId: string; kind: ConsortiumItemKind; title: string; description: string },
) {
  return db.orm.transaction(async (tx: Drizzle) => {
    await requireLeadOf(tx, caller, input.consortiumId, input.organizationId);
    const row = await insertConsortiumItem(tx, {
      consortiumId: input.consortiumId,
      kind: input.kind,
      title: input.title,
      description: input.description,
    });
    if (!row) throw new Error('insert returned no row');
    await insertConsortiumEvent(tx, {
      consortiumId: input.consortiumId,
      type: 'item_added',
      actorUserId: caller.userId,
      organizationId: input.organizationId,
      detail: { kind: input.kind, title: input.title },
    });
    return { id: row.id };
  });
}

export async function removeConsortiumItem(
  db: Database,
  caller: Caller,
  input: { consortiumId: string; organizationId: string; itemId: string },
) {
  return db.orm.transaction(async (tx: Drizzle) => {
    await requireLeadOf(tx, caller, input.consortiumId, input.organizationId);
    if (!(await deleteConsortiumItem(tx, input.consortiumId, input.itemId))) throw new DomainError('NOT_FOUND', 'notFound');
  });
}
