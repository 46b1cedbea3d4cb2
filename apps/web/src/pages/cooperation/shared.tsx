import { useState } from 'react';
import type { Tone } from '../../components/tone-tag.tsx';

import type { AgreementStatus, PlacementPhase, ProjectStatus } from '@ronghe/domain/constants/cooperation';

export type { AgreementStatus, PlacementPhase, ProjectStatus };

export const phaseTone: Record<PlacementPhase, Tone> = {
  awaiting_agreement: 'gold',
  ready: 'green',
  blocked: 'red',
  running: 'blue',
  finished: 'grey',
  cancelled: 'grey',
};
export const agreementTone: Record<AgreementStatus, Tone> = { missing: 'gold', recorded: 'blue', confirmed: 'green' };
export const projectTone: Record<ProjectStatus, Tone> = { active: 'blue', completed: 'green', cancelled: 'grey' };

type Membership = { organizationId: string; name: string; kind: string; role: string; status: string };
export type Side = { organizationId: string; name: string; kind: 'enterprise' | 'school'; manages: boolean };

/** The enterprises and schools the user belongs to: only they have placements and projects. */
export function sidesOf(memberships: readonly Membership[]): Side[] {
  return memberships.flatMap((m) =>
    m.kind === 'enterprise' || m.kind === 'school'
      ? [{ organizationId: m.organizationId, name: m.name, kind: m.kind, manages: m.role === 'owner' || m.role === 'manager' }]
      : [],
  );
}

/** The organisation shown: the active one when it is a side, else the first. */
export function useChosenSide(sides: readonly Side[], preferred: string | null) {
  const [orgId, setOrgId] = useState(
    () => sides.find((s) => s.organizationId === preferred)?.organizationId ?? sides[0]?.organizationId ?? '',
  );
  const side = sides.find((s) => s.organizationId === orgId) ?? sides[0];
  return { side, setOrgId };
}

/** 2026-11-28 from a Date, in China's time zone (the dates the server keeps are China's days). */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
