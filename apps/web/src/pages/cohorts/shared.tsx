import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Descriptions } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';

/** The cohorts of one school (disabled until an organisation is chosen). */
export function useCohorts(organizationId: string | undefined) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.cohorts.list.queryOptions({ organizationId: organizationId ?? '' }), enabled: Boolean(organizationId) });
}
export type Cohort = NonNullable<ReturnType<typeof useCohorts>['data']>[number];

export const majorLevels = ['zhongzhi', 'gaozhi', 'benke'] as const;

/** The schools the user belongs to (any role), and those they may publish for (managers of verified ones). */
export function schoolsOf(
  memberships: ReadonlyArray<{ organizationId: string; name: string; kind: string; role: string; status: string }>,
) {
  const schools = memberships.filter((m) => m.kind === 'school');
  const managed = schools.filter((m) => (m.role === 'owner' || m.role === 'manager') && m.status === 'verified');
  return { schools, managed };
}

/** Names for major and region codes from the reference data. */
export function useNames() {
  const trpc = useTRPC();
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const regions = useQuery(trpc.reference.regions.queryOptions());
  return useMemo(() => {
    const majorByCode = new Map((majors.data?.majors ?? []).map((m) => [m.code, m.name]));
    const regionByCode = new Map((regions.data ?? []).map((r) => [r.code, r.name]));
    return {
      majors: majors.data?.majors ?? [],
      regions: regions.data ?? [],
      major: (code: string) => `${majorByCode.get(code) ?? ''} ${code}`.trim(),
      majorName: (code: string) => majorByCode.get(code) ?? code,
      region: (code: string) => regionByCode.get(code) ?? code,
    };
  }, [majors.data, regions.data]);
}

/** A cohort's facts as description items (used in the list and at the top of its recommendations). */
export function useCohortItems() {
  const { t } = useTranslation();
  const names = useNames();
  return (c: Cohort): DescriptionsProps['items'] => [
    { key: 'major', label: t('cohorts.major'), children: names.major(c.majorCode) },
    { key: 'level', label: t('cohorts.level'), children: t(`cohorts.levels.${c.level}`, { defaultValue: c.level }) },
    { key: 'year', label: t('cohorts.year'), children: c.year },
    { key: 'students', label: t('cohorts.students'), children: t('cohorts.studentsValue', { count: c.students }) },
    { key: 'window', label: t('cohorts.window'), children: `${c.windowFrom} ~ ${c.windowTo}` },
    { key: 'regions', label: t('cohorts.regions'), children: c.regionCodes.map(names.region).join('、') },
    { key: 'teachers', label: t('cohorts.teachers'), children: t('cohorts.studentsValue', { count: c.teachers }) },
    ...(c.note ? [{ key: 'note', label: t('cohorts.note'), children: c.note }] : []),
  ];
}

export function CohortFacts({ cohort }: { cohort: Cohort }) {
  const items = useCohortItems();
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items(cohort)} />;
}
