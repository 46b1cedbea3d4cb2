// Pieces shared by the consortium detail page's sections (detail.tsx and its neighbours).
import { lazy } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ConsortiumItemKind, ConsortiumRole, ConsortiumStatus, CouncilPosition } from '@ronghe/domain/consortium';
import type { OrganizationKind } from '@ronghe/domain/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { type Tone } from '../../components/tone-tag.tsx';
// ECharts loads only when this page draws the members map.
export const JjjMap = lazy(() => import('../../components/jjj-map.tsx'));

export const roles = ['lead', 'council', 'member'] as const satisfies readonly ConsortiumRole[];
export const positions = ['chair', 'vice_chair', 'secretary_general', 'director'] as const satisfies readonly CouncilPosition[];
export const itemKinds = ['product', 'technology_need', 'talent_need'] as const satisfies readonly ConsortiumItemKind[];
export const orgKinds = ['school', 'enterprise', 'partner'] as const satisfies readonly OrganizationKind[];
export const statusTones = {
  draft: 'grey',
  submitted: 'gold',
  returned: 'red',
  active: 'green',
  suspended: 'grey',
  dissolved: 'grey',
} as const satisfies Record<ConsortiumStatus, Tone>;
export const day = (d: Date | string) => dayjs(d).format('YYYY-MM-DD');
export type Detail = NonNullable<ReturnType<typeof useConsortium>['data']>;
export type Member = Detail['members'][number];
export type Request = Detail['requests'][number];
export type Org = { organizationId: string; name: string };
/** An organisation's standing in the consortium as far as this viewer may know it: an active member, or a request it may see. */
export type Standing = Pick<Request, 'role' | 'councilPosition'> & { status: Request['status'] | 'active' };

/** Standings by organisation: every active member, and the applications and invitations the viewer may see. */
export function standingsOf(c: Detail): Map<string, Standing> {
  return new Map<string, Standing>([
    ...c.members.map((m) => [m.organizationId, { role: m.role, councilPosition: m.councilPosition, status: 'active' as const }] as const),
    ...c.requests.map((r) => [r.organizationId, r] as const),
  ]);
}

export function useConsortium(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.consortia.get.queryOptions({ id }, { retry: false }));
}

/** After any change: the page, the directory and the counts. */
export function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
}
