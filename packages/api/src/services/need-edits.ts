import type { Database, Drizzle } from '@ronghe/db/client';
import { getNeed, lockNeed, updateNeed, type NeedRow } from '@ronghe/db/queries/needs';
import { pendingApplicantsOf } from '@ronghe/db/queries/applications';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { writeAudit } from '@ronghe/db/queries/audit';
import { DomainError } from '@ronghe/domain/errors';
import { isMessageKey } from '@ronghe/domain/messages';
import {
  changedNeedFields,
  isMaterialChange,
  needEditViolation,
  publishChecks,
  type NeedFields,
  type NeedInput,
} from '@ronghe/domain/need';
import { todayInChina } from '@ronghe/domain/training-base';
import { managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { checkMajors, columnsOf, failOn, refusePeriod } from './needs.ts';

// Editing a need after it is out (what applicants agreed to stays, or changes in their favour): needs.update.

const notFound = () => new DomainError('NOT_FOUND', 'notFound');

/** A stored need as the form's fields: the shared columns and the kind-specific details. */
function fieldsOf(n: Pick<NeedRow, 'kind' | 'title' | 'description' | 'regionCode' | 'deadline' | 'majorCodes' | 'details'>): NeedFields {
  return {
    ...(n.details as Record<string, unknown>),
    kind: n.kind,
    title: n.title,
    description: n.description,
    regionCode: n.regionCode,
    deadline: n.deadline,
    majorCodes: n.majorCodes,
  };
}

/**
 * The enterprise's managers edit a need: a draft freely; a published (or filled) one only in the applicants'
 * favour, and it must still pass the publishing checks. The change, its history and the notices to organisations
 * with applications or invitations waiting go in one transaction.
 */
export async function update(db: Database, caller: Caller, input: { id: string; data: NeedInput }) {
  const current = await getNeed(db, input.id);
  if (!current) throw notFound();
  await requireVerifiedManager(db, caller, current.organizationId);
  await checkMajors(db, input.data.majorCodes);
  refusePeriod(input.data);
  const columns = columnsOf(input.data);
  return db.orm.transaction(async (tx: Drizzle) => {
    const n = await lockNeed(tx, input.id);
    if (!n) throw notFound();
    await requireRole(tx, caller, n.organizationId, managers);
    if (n.status !== 'draft' && n.status !== 'published' && n.status !== 'filled')
      throw new DomainError('CONFLICT', 'need.wrongStatus', { params: { status: `nstatus.${n.status}` } });
    const published = n.status !== 'draft';
    const before = fieldsOf(n);
    const after = fieldsOf(columns);
    const broken = needEditViolation(before, after, { published, accepted: n.accepted });
    if (broken) throw new DomainError('INVALID', broken.key, { field: broken.field, params: broken.params });
    if (published) failOn(publishChecks(columns, current.staffCount, todayInChina()));
    const changed = changedNeedFields(before, after);
    if (Object.keys(changed).length === 0) return { id: n.id, status: n.status, changed: [] };
    // a filled need given more places opens again; a published one cut to its accepted places is filled
    const status = !published ? n.status : columns.headcount !== null && n.accepted >= columns.headcount ? 'filled' : 'published';
    await updateNeed(tx, n.id, { ...columns, status });
    const pick = (side: 'from' | 'to') => Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[side]]));
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: 'need.update',
      entity: 'need',
      entityId: n.id,
      organizationId: n.organizationId,
      before: pick('from'),
      after: pick('to'),
    });
    if (published && isMaterialChange(changed)) {
      const applicants = await pendingApplicantsOf(tx, n.id);
      const fields = Object.keys(changed)
        .map((k) => `needField.${k}`)
        .filter(isMessageKey);
      const notice = {
        type: 'need.updated',
        key: 'notify.need.updated',
        params: { need: columns.title, fields },
        link: `/needs/${n.id}`,
      } as const;
      if (applicants.length) await insertNotifications(tx, await managersOf(tx, applicants), notice);
    }
    return { id: n.id, status, changed: Object.keys(changed) };
  });
}
