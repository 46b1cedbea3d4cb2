import { z } from 'zod';
import { bookingPurposes, bookingRequestFields, bookingStatuses, refineRange } from '@ronghe/domain/training-base';
import * as bookings from '../services/base-bookings.ts';
import { protectedProcedure, router } from '../trpc.ts';

const reason = z.string().trim().min(2, { message: 'reason.required' }).max(500);
const result = z.object({ id: z.string(), status: z.enum(bookingStatuses) });

const booking = z.object({
  id: z.string(),
  baseId: z.string(),
  baseName: z.string(),
  ownerOrganizationId: z.string(),
  requesterOrganizationId: z.string(),
  requesterName: z.string(),
  fromDay: z.string(),
  toDay: z.string(),
  stations: z.number(),
  purpose: z.enum(bookingPurposes),
  note: z.string(),
  status: z.enum(bookingStatuses),
  proposedFrom: z.string().nullable(),
  proposedTo: z.string().nullable(),
  responseNote: z.string(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
});

export const baseBookingsRouter = router({
  /** a manager of a verified organisation: stations at a published base (open to partners, or of its co-builders and consortia) */
  request: protectedProcedure
    .input(bookingRequestFields.extend({ organizationId: z.uuid(), baseId: z.uuid() }).superRefine(refineRange))
    .output(result)
    .mutation(({ ctx, input }) => bookings.requestBooking(ctx.db, ctx.session, input)),

  /** a manager of the base's owner */
  approve: protectedProcedure
    .input(z.object({ id: z.uuid(), note: z.string().trim().max(500).optional() }))
    .output(result)
    .mutation(({ ctx, input }) => bookings.approveBooking(ctx.db, ctx.session, input)),

  /** a manager of the base's owner */
  decline: protectedProcedure
    .input(z.object({ id: z.uuid(), reason }))
    .output(result)
    .mutation(({ ctx, input }) => bookings.declineBooking(ctx.db, ctx.session, input)),

  /** a manager of the base's owner: offers other dates */
  propose: protectedProcedure
    .input(
      z
        .object({ id: z.uuid(), from: z.iso.date(), to: z.iso.date(), note: z.string().trim().max(500).default('') })
        .superRefine(refineRange),
    )
    .output(result)
    .mutation(({ ctx, input }) => bookings.proposeOtherDates(ctx.db, ctx.session, input)),

  /** a manager of the requester: takes the proposed dates */
  acceptProposal: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(result)
    .mutation(({ ctx, input }) => bookings.acceptProposal(ctx.db, ctx.session, input)),

  /** a manager of either side */
  cancel: protectedProcedure
    .input(z.object({ id: z.uuid(), reason }))
    .output(result)
    .mutation(({ ctx, input }) => bookings.cancelBooking(ctx.db, ctx.session, input)),

  /** members of the owner: requests for its bases (or one of them) */
  incoming: protectedProcedure
    .input(
      z.object({ organizationId: z.uuid(), baseId: z.uuid().optional(), statuses: z.array(z.enum(bookingStatuses)).max(5).optional() }),
    )
    .output(z.array(booking))
    .query(({ ctx, input }) => bookings.incomingBookings(ctx.db, ctx.session, input)),

  /** members of the requester: its requests */
  outgoing: protectedProcedure
    .input(z.object({ organizationId: z.uuid(), statuses: z.array(z.enum(bookingStatuses)).max(5).optional() }))
    .output(z.array(booking))
    .query(({ ctx, input }) => bookings.outgoingBookings(ctx.db, ctx.session, input)),
});
