import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { FormInstance } from 'antd';
import type { ApplicationStatus, NeedStatus } from '@ronghe/domain/constants/need';
import { useTRPC } from '../../lib/trpc.ts';
import { fieldErrorsOf } from '../../lib/errors.ts';
import type { Tone } from '../../components/tone-tag.tsx';

export { needKinds } from '@ronghe/domain/constants/need';

export const statusTone: Record<NeedStatus, Tone> = { draft: 'grey', published: 'green', closed: 'grey', filled: 'blue', expired: 'gold' };
export const appTone: Record<ApplicationStatus, Tone> = {
  applied: 'gold',
  invited: 'gold',
  accepted: 'green',
  partly_accepted: 'blue',
  declined: 'red',
  withdrawn: 'grey',
  expired: 'grey',
};

/** Managed (owner or manager) organisations of one kind, verified. */
export function managed<M extends { role: string; status: string; kind: string }>(
  memberships: readonly M[],
  kind: 'enterprise' | 'school',
): M[] {
  return memberships.filter((m) => m.kind === kind && m.status === 'verified' && (m.role === 'owner' || m.role === 'manager'));
}

/** Major code → name from reference.majors. */
export function useMajorNames() {
  const trpc = useTRPC();
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const byCode = useMemo(() => new Map((majors.data?.majors ?? []).map((m) => [m.code, m.name])), [majors.data]);
  return { majors, nameOf: (code: string) => byCode.get(code) ?? code };
}

type Part = { key: string; points: number; max: number; level: string };

/** "专业 40/40（同一专业）", "时间 15/15", "共同体 0/10". */
export function partText(t: TFunction, p: Part): string {
  const base = t('needs.partText', { name: t(`needs.parts.${p.key}`), points: p.points, max: p.max });
  if (p.key === 'major' || p.key === 'region') return t('needs.partWithLevel', { base, level: t(`needs.levels.${p.key}.${p.level}`) });
  return base;
}

/** Server field paths (need.headcount, periodFrom…) → this form's field names; true when a field took one. */
export function applyNeedErrors(form: FormInstance, error: unknown): boolean {
  const rename: Record<string, string> = { periodFrom: 'period', periodTo: 'period' };
  const known = new Set([
    ...Object.keys(form.getFieldsValue(true) as Record<string, unknown>),
    ...Object.keys(form.getFieldsValue() as Record<string, unknown>),
  ]);
  const fields = fieldErrorsOf(error)
    .map((e) => {
      const head = e.path.replace(/^(need|data)\./, '').split('.')[0] ?? '';
      return { name: rename[head] ?? head, errors: [e.message] };
    })
    .filter((f) => known.has(f.name));
  if (fields.length > 0) {
    form.setFields(fields);
    const first = fields[0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  }
  return fields.length > 0;
}
