import type { Database, Drizzle } from '@ronghe/db/client';
import { checkViolation } from '@ronghe/db/errors';
import { insertNotifications, managersOf } from '@ronghe/db/queries/notifications';
import { addBookedStations, fullDays, releaseBookedStations } from '@ronghe/db/queries/training-base-capacity';
import { getTrainingBase, isBaseInsider, shareTrainingBase } from '@ronghe/db/queries/training-bases';
import { insertBooking, listBookings, lockBooking, updateBooking, type BookingRow } from '@ronghe/db/queries/base-bookings';
import { DomainError } from '@ronghe/domain/errors';
import type { NotificationMessage } from '@ronghe/domain/notifications';
import { todayInChina, type BookingRequest, type BookingStatus } from '@ronghe/domain/training-base';
import { anyMember, managers, requireRole, requireVerifiedManager, type Caller } from './authz.ts';
import { formatDays } from './training-bases.ts';

// Booking stations at a training base. The owner approves, declines or proposes other dates; the
// requester accepts a proposal or cancels. Capacity is held by the database: an approval adds its
// stations to training_base_day in the same transaction as the status change, and the CHECK
// (booked <= capacity) refuses the one that would overfill a day, whichever process it came from.

type Tx = Drizzle;

const notFound = () => new DomainError('NOT_FOUND', 'notFound');
const link = (baseId: string) => `/bases/${baseId}`;
const wrongStatus = (b: BookingRow) => new DomainError('CONFLICT', 'booking.wrongStatus', { params: { status: `rstatus.${b.status}` } });

async function notify(tx: Tx, organizationId: string, n: { type: string; link: string } & NotificationMessage) {
  await insertNotifications(tx, await managersOf(tx, [organizationId]), n);
}

async function fullError(db: Database, baseId: string, from: string, to: string, stations: number, capacity: number) {
  const days = await fullDays(db, baseId, from, to, stations, capacity);
  return new DomainError('CONFLICT', 'booking.full', { params: { days: formatDays(days.length ? days : [from]) } });
}

/** A verified organisation asks for stations on a range of days. Refused at once when a day is already full. */
export async function requestBooking(db: Database, caller: Caller, input: BookingRequest & { organizationId: string; baseId: string }) {
  await requireVerifiedManager(db, caller, input.organizationId);
  const base = await getTrainingBase(db, input.baseId);
  if (!base) throw notFound();
  if (base.status !== 'published') throw new DomainError('CONFLICT', 'base.notPublished');
  if (base.ownerOrganizationId === input.organizationId) throw new DomainError('INVALID', 'base.ownBase');
  if (!base.openToPartners && !(await isBaseInsider(db, base.id, input.organizationId))) throw new DomainError('FORBIDDEN', 'base.notOpen');
  if (input.stations > base.stations)
    throw new DomainError('INVALID', 'booking.tooManyStations', {
      field: 'stations',
      params: { stations: base.stations, requested: input.stations },
    });
  const full = await fullDays(db, base.id, input.from, input.to, input.stations, base.stations);
  if (full.length) throw new DomainError('CONFLICT', 'booking.full', { params: { days: formatDays(full) } });
  return db.orm.transaction(async (tx: Tx) => {
    const b = await insertBooking(tx, {
      baseId: base.id,
      requesterOrganizationId: input.organizationId,
      requestedByUserId: caller.userId,
      fromDay: input.from,
      toDay: input.to,
      stations: input.stations,
      purpose: input.purpose,
      note: input.note,
      status: 'requested',
    });
    await notify(tx, base.ownerOrganizationId, {
      type: 'booking.requested',
      key: 'notify.booking.requested',
      params: { base: base.name, stations: input.stations, from: input.from, to: input.to },
      link: link(base.id),
    });
    return { id: b.id, status: b.status };
  });
}

/** Locks the booking and checks the caller manages the side that acts. */
async function lockFor(tx: Tx, caller: Caller, id: string, side: 'owner' | 'requester' | 'either') {
  const b = await lockBooking(tx, id);
  if (!b) throw notFound();
  const base = await shareTrainingBase(tx, b.baseId);
  if (!base) throw notFound();
  if (side === 'owner') await requireRole(tx, caller, base.ownerOrganizationId, managers);
  else if (side === 'requester') await requireRole(tx, caller, b.requesterOrganizationId, managers);
  else {
    try {
      await requireRole(tx, caller, base.ownerOrganizationId, managers);
    } catch {
      await requireRole(tx, caller, b.requesterOrganizationId, managers);
    }
  }
  return { b, base };
}

/** Runs an approval; a day that would overflow comes back as booking.full naming the days. */
async function holdingCapacity<T>(
  db: Database,
  work: () => Promise<T>,
  range: () => { baseId: string; from: string; to: string; stations: number; capacity: number } | null,
) {
  try {
    return await work();
  } catch (error) {
    const r = range();
    if (r && checkViolation(error) === 'training_base_day_within_capacity')
      throw await fullError(db, r.baseId, r.from, r.to, r.stations, r.capacity);
    throw error;
  }
}

export async function approveBooking(db: Database, caller: Caller, input: { id: string; note?: string }) {
  let range: { baseId: string; from: string; to: string; stations: number; capacity: number } | null = null;
  return holdingCapacity(
    db,
    () =>
      db.orm.transaction(async (tx: Tx) => {
        const { b, base } = await lockFor(tx, caller, input.id, 'owner');
        if (b.status !== 'requested') throw wrongStatus(b);
        if (b.fromDay < todayInChina()) throw new DomainError('CONFLICT', 'booking.pastDate');
        range = { baseId: base.id, from: b.fromDay, to: b.toDay, stations: b.stations, capacity: base.stations };
        await addBookedStations(tx, base.id, b.fromDay, b.toDay, b.stations, base.stations);
        await updateBooking(tx, b.id, { status: 'approved', decidedAt: new Date(), responseNote: input.note ?? '' });
        await notify(tx, b.requesterOrganizationId, {
          type: 'booking.approved',
          key: 'notify.booking.approved',
          params: { base: base.name, from: b.fromDay, to: b.toDay },
          link: link(base.id),
        });
        return { id: b.id, status: 'approved' as const };
      }),
    () => range,
  );
}

export async function declineBooking(db: Database, caller: Caller, input: { id: string; reason: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const { b, base } = await lockFor(tx, caller, input.id, 'owner');
    if (b.status !== 'requested') throw wrongStatus(b);
    await updateBooking(tx, b.id, { status: 'declined', decidedAt: new Date(), responseNote: input.reason });
    await notify(tx, b.requesterOrganizationId, {
      type: 'booking.declined',
      key: 'notify.booking.declined',
      params: { base: base.name, reason: input.reason },
      link: link(base.id),
    });
    return { id: b.id, status: 'declined' as const };
  });
}

/** The owner offers other dates; the requester may accept (which approves, if they still fit) or cancel. */
export async function proposeOtherDates(db: Database, caller: Caller, input: { id: string; from: string; to: string; note: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const { b, base } = await lockFor(tx, caller, input.id, 'owner');
    if (b.status !== 'requested') throw wrongStatus(b);
    await updateBooking(tx, b.id, {
      status: 'proposed',
      proposedFrom: input.from,
      proposedTo: input.to,
      responseNote: input.note,
      decidedAt: new Date(),
    });
    await notify(tx, b.requesterOrganizationId, {
      type: 'booking.proposed',
      key: 'notify.booking.proposed',
      params: { base: base.name, from: input.from, to: input.to },
      link: link(base.id),
    });
    return { id: b.id, status: 'proposed' as const };
  });
}

export async function acceptProposal(db: Database, caller: Caller, input: { id: string }) {
  let range: { baseId: string; from: string; to: string; stations: number; capacity: number } | null = null;
  return holdingCapacity(
    db,
    () =>
      db.orm.transaction(async (tx: Tx) => {
        const { b, base } = await lockFor(tx, caller, input.id, 'requester');
        if (b.status !== 'proposed' || !b.proposedFrom || !b.proposedTo) throw wrongStatus(b);
        if (b.proposedFrom < todayInChina()) throw new DomainError('CONFLICT', 'booking.pastDate');
        if (b.stations > base.stations)
          throw new DomainError('INVALID', 'booking.tooManyStations', { params: { stations: base.stations, requested: b.stations } });
        range = { baseId: base.id, from: b.proposedFrom, to: b.proposedTo, stations: b.stations, capacity: base.stations };
        await addBookedStations(tx, base.id, b.proposedFrom, b.proposedTo, b.stations, base.stations);
        await updateBooking(tx, b.id, { status: 'approved', fromDay: b.proposedFrom, toDay: b.proposedTo, decidedAt: new Date() });
        await notify(tx, base.ownerOrganizationId, {
          type: 'booking.accepted',
          key: 'notify.booking.accepted',
          params: { base: base.name, from: b.proposedFrom ?? '', to: b.proposedTo ?? '' },
          link: link(base.id),
        });
        return { id: b.id, status: 'approved' as const };
      }),
    () => range,
  );
}

/** Either side cancels an open booking; an approved one gives back its stations from today on. */
export async function cancelBooking(db: Database, caller: Caller, input: { id: string; reason: string }) {
  return db.orm.transaction(async (tx: Tx) => {
    const { b, base } = await lockFor(tx, caller, input.id, 'either');
    if (b.status !== 'requested' && b.status !== 'proposed' && b.status !== 'approved') throw wrongStatus(b);
    const today = todayInChina();
    if (b.status === 'approved') {
      if (b.toDay < today) throw wrongStatus(b);
      await releaseBookedStations(tx, base.id, b.fromDay < today ? today : b.fromDay, b.toDay, b.stations);
    }
    await updateBooking(tx, b.id, { status: 'cancelled', responseNote: input.reason });
    const isOwnerSide = (await managersOf(tx, [base.ownerOrganizationId])).includes(caller.userId);
    const other = isOwnerSide ? b.requesterOrganizationId : base.ownerOrganizationId;
    await notify(tx, other, {
      type: 'booking.cancelled',
      key: 'notify.booking.cancelled',
      params: { base: base.name, from: b.fromDay, to: b.toDay, reason: input.reason },
      link: link(base.id),
    });
    return { id: b.id, status: 'cancelled' as const };
  });
}

/** Members of the owner: the requests for its bases, or for one of them. */
export async function incomingBookings(
  db: Database,
  caller: Caller,
  input: { organizationId: string; baseId?: string; statuses?: BookingStatus[] },
) {
  await requireRole(db, caller, input.organizationId, anyMember);
  if (!input.baseId) return listBookings(db, { ownerOrganizationId: input.organizationId }, input.statuses);
  const base = await getTrainingBase(db, input.baseId);
  if (!base || base.ownerOrganizationId !== input.organizationId) throw notFound();
  return listBookings(db, { baseId: input.baseId }, input.statuses);
}

/** Members of the requester: its own requests. */
export async function outgoingBookings(db: Database, caller: Caller, input: { organizationId: string; statuses?: BookingStatus[] }) {
  await requireRole(db, caller, input.organizationId, anyMember);
  return listBookings(db, { requesterOrganizationId: input.organizationId }, input.statuses);
}
