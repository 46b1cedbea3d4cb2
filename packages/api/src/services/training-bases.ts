import type { Database, Drizzle } from '@ronghe/db/client';
import { checkViolation } from '@ronghe/db/errors';
import { writeAudit } from '@ronghe/db/queries/audit';
import { basePhotoIds } from '@ronghe/db/queries/files';
import { lockMembership } from '@ronghe/db/queries/consortia';
import { membershipOf } from '@ronghe/db/queries/memberships';
import { getOrganization } from '@ronghe/db/queries/organizations';
import { bookedDays, overbookedDays, setFutureCapacity, usedStationDays } from '@ronghe/db/queries/training-base-capacity';
import {
  getTrainingBase,
  insertBaseRevision,
  insertTrainingBase,
  isBaseInsider,
  listBaseRevisions,
  listBasesOfOrganization,
  lockTrainingBase,
  replaceBaseConsortia,
  replaceCoBuilders,
  updateTrainingBase,
  type TrainingBaseRow,
} from '@ronghe/db/queries/training-bases';
import { hasApprovedBooking } from '@ronghe/db/queries/base-bookings';
import { refreshSupply } from '@ronghe/db/queries/training-base-supply';
import { unknownMajorCodes } from '@ronghe/db/queries/reference';
import { maskEmail, maskMobile, maskPersonName } from '@ronghe/domain/account';
import { maskContactsInText } from '@ronghe/domain/masking';
import { DomainError } from '@ronghe/domain/errors';
import {
  addDays,
  daysBetween,
  mapRegionOf,
  todayInChina,
  type TrainingBaseInput,
  type TrainingBaseStatus,
} from '@ronghe/domain/training-base';
import { anyMember, managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { fileUrl, setBasePhotos } from './files.ts';

// 实训基地: publishing (drafts, publish, unpublish, edit with history) and what each viewer may see.
// Every write is one transaction that also records a revision and keeps the map figures current.

type Tx = Drizzle;

const notFound = () => new DomainError('NOT_FOUND', 'notFound');

/** Co-builders must be verified organisations other than the owner (checked before the transaction). */
async function checkCoBuilders(db: Database, ownerId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)].filter((id) => id !== ownerId);
  for (const id of unique) {
    const org = await getOrganization(db, id);
    if (!org || org.status !== 'verified') throw new DomainError('INVALID', 'base.unknownOrganizations', { field: 'coBuilderIds' });
  }
  return unique;
}

/** Majors in the catalogue; consortia of which the owner is an active member. */
async function checkLinks(tx: Tx, ownerId: string, input: TrainingBaseInput) {
  const unknown = await unknownMajorCodes(tx, input.majorCodes);
  if (unknown.length)
    throw new DomainError('INVALID', 'base.unknownMajors', { field: 'majorCodes', params: { codes: unknown.join('、') } });
  const consortiumIds = [...new Set(input.consortiumIds)];
  for (const id of consortiumIds) {
    const m = await lockMembership(tx, id, ownerId);
    if (!m || m.status !== 'active') throw new DomainError('INVALID', 'base.notConsortiumMember', { field: 'consortiumIds' });
  }
  return consortiumIds;
}

function columnsOf(input: TrainingBaseInput) {
  const mapRegionCode = mapRegionOf(input.regionCode);
  if (!mapRegionCode) throw new DomainError('INVALID', 'organization.regionTooCoarse', { field: 'regionCode' });
  const { coBuilderIds: _c, consortiumIds: _k, ...columns } = input;
  return {
    ...columns,
    majorCodes: [...new Set(input.majorCodes)],
    industryCodes: [...new Set(input.industryCodes)],
    openTerms: input.openToPartners ? input.openTerms : null,
    mapRegionCode,
  };
}

function snapshot(b: TrainingBaseRow, coBuilderIds: string[], consortiumIds: string[]) {
  const { searchText: _t, searchTokens: _k, ...rest } = b;
  return { ...rest, coBuilderIds, consortiumIds };
}

/** Photo ids (uploaded base photos, in display order); when left out, an edit keeps the photos as they are. */
type PhotoIds = { photoIds?: string[] | undefined };

export async function createTrainingBase(db: Database, caller: Caller, input: TrainingBaseInput & PhotoIds & { organizationId: string }) {
  const { organizationId, photoIds, ...data } = input;
  await requireVerifiedManager(db, caller, organizationId);
  const coBuilders = await checkCoBuilders(db, organizationId, data.coBuilderIds);
  const columns = columnsOf(data);
  return db.orm.transaction(async (tx: Tx) => {
    const consortiumIds = await checkLinks(tx, organizationId, data);
    const b = await insertTrainingBase(tx, { ...columns, ownerOrganizationId: organizationId, status: 'draft' });
    await replaceCoBuilders(tx, b.id, coBuilders);
    await replaceBaseConsortia(tx, b.id, consortiumIds);
    if (photoIds?.length) await setBasePhotos(tx, b, photoIds);
    await insertBaseRevision(tx, {
      baseId: b.id,
      version: 1,
      actorUserId: caller.userId,
      action: 'create',
      changedFields: [],
      snapshot: snapshot(b, coBuilders, consortiumIds),
    });
    return { id: b.id, status: b.status };
  });
}

async function lockOwnBase(tx: Tx, caller: Caller, id: string) {
  const b = await lockTrainingBase(tx, id);
  if (!b) throw notFound();
  await requireRole(tx, caller, b.ownerOrganizationId, managers);
  return b;
}

const compared = [
  'kind',
  'name',
  'description',
  'majorCodes',
  'industryCodes',
  'regionCode',
  'address',
  'lng',
  'lat',
  'stations',
  'dailyCapacity',
  'equipment',
  'openingHours',
  'openToPartners',
  'openTerms',
  'termsNote',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

/** Saves a new version. Lowering the stations below what is already booked on a future day is refused, naming the days. */
export async function editTrainingBase(db: Database, caller: Caller, input: TrainingBaseInput & PhotoIds & { id: string }) {
  const { id, photoIds, ...data } = input;
  const existing = await getTrainingBase(db, id);
  if (!existing) throw notFound();
  const coBuilders = await checkCoBuilders(db, existing.ownerOrganizationId, data.coBuilderIds);
  const columns = columnsOf(data);
  const today = todayInChina();
  try {
    return await db.orm.transaction(async (tx: Tx) => {
      const b = await lockOwnBase(tx, caller, id);
      const consortiumIds = await checkLinks(tx, b.ownerOrganizationId, data);
      const changed: string[] = compared.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(columns[k]));
      if (photoIds && (await setBasePhotos(tx, b, photoIds))) changed.push('photoIds');
      if (columns.stations !== b.stations) {
        const over = await overbookedDays(tx, b.id, today, columns.stations);
        if (over.length)
          throw new DomainError('CONFLICT', 'base.stationsBelowBookings', { field: 'stations', params: { days: formatDays(over) } });
        await setFutureCapacity(tx, b.id, today, columns.stations);
      }
      const row = await updateTrainingBase(tx, b, { ...columns, version: b.version + 1 });
      await replaceCoBuilders(tx, b.id, coBuilders);
      await replaceBaseConsortia(tx, b.id, consortiumIds);
      await insertBaseRevision(tx, {
        baseId: b.id,
        version: row.version,
        actorUserId: caller.userId,
        action: 'update',
        changedFields: [...changed],
        snapshot: snapshot(row, coBuilders, consortiumIds),
      });
      if (b.status === 'published') await refreshSupply(tx, [b.mapRegionCode, row.mapRegionCode]);
      return { id: b.id, version: row.version };
    });
  } catch (error) {
    if (checkViolation(error) === 'training_base_day_within_capacity') {
      // an approval landed between our check and the update: report the days as they are now
      const over = await db.orm.transaction((tx: Tx) => overbookedDays(tx, id, today, columns.stations));
      throw new DomainError('CONFLICT', 'base.stationsBelowBookings', { field: 'stations', params: { days: formatDays(over) } });
    }
    throw error;
  }
}

const transitions: Record<'publish' | 'unpublish', { from: TrainingBaseStatus[]; to: TrainingBaseStatus }> = {
  publish: { from: ['draft', 'unpublished'], to: 'published' },
  unpublish: { from: ['published'], to: 'unpublished' },
};

export async function setTrainingBaseStatus(db: Database, caller: Caller, input: { id: string; action: 'publish' | 'unpublish' }) {
  const existing = await getTrainingBase(db, input.id);
  if (!existing) throw notFound();
  if (input.action === 'publish') await requireVerifiedManager(db, caller, existing.ownerOrganizationId);
  return db.orm.transaction(async (tx: Tx) => {
    const b = await lockOwnBase(tx, caller, input.id);
    const t = transitions[input.action];
    if (!t.from.includes(b.status)) throw new DomainError('CONFLICT', 'base.wrongStatus', { params: { status: `bstatus.${b.status}` } });
    const row = await updateTrainingBase(tx, b, {
      status: t.to,
      version: b.version + 1,
      ...(t.to === 'published' && !b.publishedAt ? { publishedAt: new Date() } : {}),
    });
    await insertBaseRevision(tx, {
      baseId: b.id,
      version: row.version,
      actorUserId: caller.userId,
      action: input.action,
      changedFields: ['status'],
      snapshot: snapshot(
        row,
        existing.coBuilders.map((c) => c.id),
        existing.consortia.map((c) => c.id),
      ),
    });
    await refreshSupply(tx, [b.mapRegionCode]);
    await writeAudit(tx, {
      actorUserId: caller.userId,
      action: `trainingBase.${input.action}`,
      entity: 'training_base',
      entityId: b.id,
      before: { status: b.status },
      after: { status: t.to },
      organizationId: b.ownerOrganizationId,
    });
    return { id: b.id, status: t.to };
  });
}

/** How the viewer stands to a base: what they may see and do. */
async function viewerOf(db: Database, session: Caller | null, base: { id: string; ownerOrganizationId: string }) {
  if (!session) return { manages: false, insider: false, admin: false };
  if (session.isPlatformAdmin) return { manages: false, insider: true, admin: true };
  const m = await membershipOf(db, base.ownerOrganizationId, session.userId);
  if (m) return { manages: m.role === 'owner' || m.role === 'manager', insider: true, admin: false };
  return { manages: false, insider: false, admin: false };
}

/** The detail page. Unpublished bases only for the owner's members and admins; contact masked except to them and to organisations with an approved booking. */
export async function trainingBaseDetail(db: Database, session: Caller | null, id: string) {
  const b = await getTrainingBase(db, id);
  if (!b) throw notFound();
  const viewer = await viewerOf(db, session, b);
  if (b.status !== 'published' && !viewer.insider) throw notFound();
  const { contactName, contactPhone, contactEmail, ...rest } = b;
  const seesContact = viewer.insider || (session ? await hasApprovedBooking(db, b.id, session.userId) : false);
  const contact = seesContact
    ? { contactName, contactPhone, contactEmail }
    : {
        contactName: maskPersonName(contactName),
        contactPhone: contactPhone && maskMobile(contactPhone),
        contactEmail: contactEmail && maskEmail(contactEmail),
        // the contact written into the text is masked too, or it would undo the masking above
        description: maskContactsInText(rest.description, [contactName]),
        termsNote: maskContactsInText(rest.termsNote, [contactName]),
      };
  return { ...rest, ...contact, contactMasked: !seesContact, canManage: viewer.manages };
}

/** The detail page with the base's photos in order (the calendar and bookings do without them). */
export async function trainingBasePage(db: Database, session: Caller | null, id: string) {
  const b = await trainingBaseDetail(db, session, id);
  const photos = (await basePhotoIds(db, b.id)).map((fileId) => ({ id: fileId, url: fileUrl(fileId) }));
  return { ...b, photos };
}

/** Booked and free stations per day (every day of the range; days without bookings are fully free). */
export async function trainingBaseCalendar(db: Database, session: Caller | null, input: { id: string; from: string; to: string }) {
  const b = await trainingBaseDetail(db, session, input.id);
  const days = new Map((await bookedDays(db, b.id, input.from, input.to)).map((d) => [d.day, d]));
  const out: Array<{ day: string; booked: number; capacity: number }> = [];
  for (let day = input.from; day <= input.to; day = addDays(day, 1)) {
    const d = days.get(day);
    out.push({ day, booked: d?.booked ?? 0, capacity: d?.capacity ?? b.stations });
  }
  return out;
}

async function requireInsider(db: Database, session: Caller, id: string) {
  const b = await getTrainingBase(db, id);
  if (!b) throw notFound();
  if (!session.isPlatformAdmin) await requireRole(db, session, b.ownerOrganizationId, anyMember);
  return b;
}

/** Station-days used against offered in a range: for the owner's members and admins. */
export async function trainingBaseUsage(db: Database, session: Caller, input: { id: string; from: string; to: string }) {
  const b = await requireInsider(db, session, input.id);
  const used = await usedStationDays(db, b.id, input.from, input.to);
  const offered = b.stations * daysBetween(input.from, input.to);
  return { from: input.from, to: input.to, usedStationDays: used, offeredStationDays: offered, ratio: offered ? used / offered : 0 };
}

export async function trainingBaseHistory(db: Database, session: Caller, id: string) {
  await requireInsider(db, session, id);
  return listBaseRevisions(db, id);
}

/** May this organisation book the base although it is not open to outside partners? */
/** Members of the organisation: all its bases, drafts included, with the requests waiting for an answer. */
export async function basesOfOrganization(db: Database, caller: Caller, organizationId: string) {
  await requireRole(db, caller, organizationId, anyMember);
  return listBasesOfOrganization(db, organizationId);
}

export const mayBookClosedBase = isBaseInsider;

export function formatDays(days: string[]): string {
  const shown = days.slice(0, 10).join('、');
  return days.length > 10 ? `${shown} … (+${days.length - 10})` : shown;
}
