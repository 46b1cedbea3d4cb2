// Pieces shared across the training-base pages: the detail page's sections, booking and the bookings page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { BookingStatus, TrainingBaseStatus } from '@ronghe/domain/constants/training-base';
import type { inferOutput } from '@trpc/tanstack-react-query';
import { useTRPC } from '../../lib/trpc.ts';
import type { Tone } from '../../components/tone-tag.tsx';

type Api = ReturnType<typeof useTRPC>;
export type BaseDetail = inferOutput<Api['trainingBases']['get']>;
export type Booking = inferOutput<Api['baseBookings']['incoming']>[number];
export type Org = { organizationId: string; name: string };

export { bookingPurposes as purposes } from '@ronghe/domain/constants/training-base';
export const bookingStatusTones = {
  requested: 'gold',
  approved: 'green',
  declined: 'red',
  proposed: 'blue',
  cancelled: 'grey',
} as const satisfies Record<BookingStatus, Tone>;
export const baseStatusTones = { draft: 'grey', published: 'green', unpublished: 'gold' } as const satisfies Record<
  TrainingBaseStatus,
  Tone
>;

/** Booking dates are dates in China, whatever the browser's time zone. */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}
export const addDays = (day: string, n: number) => dayjs(day).add(n, 'day').format('YYYY-MM-DD');
export const isoDay = (d: Dayjs) => d.format('YYYY-MM-DD');
export const daysBetween = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day') + 1;
/** RangePicker: no day before today (in China). */
export const beforeToday = (d: Dayjs) => isoDay(d) < todayInChina();

/** Read by screen readers, not shown. */
export const srOnly = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export function useBase(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.trainingBases.get.queryOptions({ id }, { retry: false }));
}

/** After a booking or publishing change: the base, its calendar and usage, and every booking list. */
export function useRefreshBookings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.baseBookings.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.trainingBases.pathKey() }),
    ]);
}

/** Organisations the viewer may act for: owner or manager, and (to book) verified. */
export function managedOrgs(memberships: ReadonlyArray<Org & { role: string; status: string }> | undefined, verifiedOnly: boolean): Org[] {
  return (memberships ?? [])
    .filter((m) => (m.role === 'owner' || m.role === 'manager') && (!verifiedOnly || m.status === 'verified'))
    .map((m) => ({ organizationId: m.organizationId, name: m.name }));
}
