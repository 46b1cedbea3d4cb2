import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind, SchoolLevel } from '@ronghe/domain/organization';
import { useTRPC } from '../lib/trpc.ts';
import { QueryState } from '../components/query-state.tsx';
import { RegionCascader } from '../components/region-cascader.tsx';
import { ToneTag } from '../components/tone-tag.tsx';

const titles = { enterprise: 'enterprises', school: 'schools', partner: 'partners' } as const;
const schoolLevels = [
  'zhongzhi',
  'gaozhi',
  'zhiye_benke',
  'yingyong_benke',
  'jigong',
  'gaozhong',
  'zhongxiaoxue',
] as const satisfies readonly SchoolLevel[];

/** The directory of one kind of organisation (signed-in users only), with keyword, region and kind-specific filters. */
export default function DirectoryPage({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  const key = titles[kind];

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t(`directory.${key}Title`)}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t(`directory.${key}Intro`)}</Typography.Paragraph>
      <Directory key={kind} kind={kind} />
    </>
  );
}

function Directory({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const [region, setRegion] = useState<string[]>([]);
  const [schoolLevel, setSchoolLevel] = useState<SchoolLevel | undefined>();
  const [industryCode, setIndustryCode] = useState<string | undefined>();
  const industries = useQuery({ ...trpc.reference.industries.queryOptions(), enabled: kind === 'enterprise' });

  const input = {
    kind,
    q: q || undefined,
    regionCode: region.at(-1),
    schoolLevel: kind === 'school' ? schoolLevel : undefined,
    industryCode: kind === 'enterprise' ? industryCode : undefined,
    limit: 20,
  };
  const list = useInfiniteQuery(
    trpc.organizations.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.next ?? undefined, initialCursor: undefined }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  type Row = (typeof rows)[number];

  const divisions = useMemo(() => (industries.data?.gbt4754 ?? []).filter((i) => i.level === 'division'), [industries.data]);
  const industryOptions = useMemo(() => {
    const all = industries.data?.gbt4754 ?? [];
    return all
      .filter((s) => s.level === 'section')
      .map((s) => ({
        label: `${s.code} ${s.name}`,
        title: `${s.code} ${s.name}`,
        options: divisions.filter((d) => d.section === s.code).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
      }));
  }, [industries.data, divisions]);
  const industryName = (code: string | null) => (code ? `${code} ${divisions.find((d) => d.code === code)?.name ?? ''}` : '—');

  return (
    <Card>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('common.search')}
          placeholder={t('common.searchPlaceholder')}
          onSearch={(value) => setQ(value.trim())}
          style={{ flex: '2 1 280px' }}
          enterButton={t('common.search')}
        />
        <RegionCascader
          changeOnSelect
          allowClear
          aria-label={t('organizations.filterRegion')}
          placeholder={t('organizations.anyRegion')}
          value={region}
          onChange={setRegion}
          style={{ flex: '1 1 200px' }}
        />
        {kind === 'school' && (
          <Select<SchoolLevel>
            allowClear
            aria-label={t('organizations.filterLevel')}
            placeholder={t('organizations.anyLevel')}
            value={schoolLevel}
            onChange={setSchoolLevel}
            options={schoolLevels.map((l) => ({ value: l, label: t(`schoolLevels.${l}`) }))}
            style={{ flex: '1 1 180px' }}
          />
        )}
        {kind === 'enterprise' && (
          <Select<string>
            allowClear
            aria-label={t('organizations.filterIndustry')}
            placeholder={t('organizations.anyIndustry')}
            value={industryCode}
            onChange={setIndustryCode}
            loading={industries.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={industryOptions}
            style={{ flex: '1 1 240px' }}
            popupMatchSelectWidth={false}
          />
        )}
      </div>
      <QueryState query={list}>
        <Table<Row>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: <Typography.Text type="secondary">{t('common.noData')}</Typography.Text> }}
          columns={[
            {
              title: t('directory.name'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <Space size={4} wrap>
                  <Link to={`/orgs/${r.id}`}>{name}</Link>
                  {r.isDemo && <Tag>{t('app.demo')}</Tag>}
                </Space>
              ),
            },
            { title: t('directory.region'), key: 'region', render: (_, r) => `${t(`provinces.${r.provinceCode}`)} · ${r.regionName}` },
            ...(kind === 'school'
              ? [
                  {
                    title: t('directory.level'),
                    key: 'level',
                    render: (_: unknown, r: Row) => (r.schoolLevel ? t(`schoolLevels.${r.schoolLevel}`) : '—'),
                  },
                ]
              : []),
            ...(kind === 'enterprise'
              ? [
                  {
                    title: t('organizations.industryColumn'),
                    key: 'industry',
                    responsive: ['md' as const],
                    render: (_: unknown, r: Row) => industryName(r.industryCode),
                  },
                ]
              : []),
            {
              title: t('directory.status'),
              dataIndex: 'status',
              responsive: ['sm'],
              render: (s: Row['status']) => <ToneTag tone={s === 'verified' ? 'green' : 'grey'}>{t(`statuses.${s}`)}</ToneTag>,
            },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('directory.count', { count: rows.length })}</Typography.Text>
          {list.hasNextPage && (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.more')}
            </Button>
          )}
          <Link to={`/orgs/new?kind=${kind}`}>{t('organizations.register')}</Link>
        </Space>
      </QueryState>
    </Card>
  );
}
