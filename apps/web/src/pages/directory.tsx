import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '@ronghe/domain/organization';
import { useTRPC } from '../lib/trpc.ts';
import { QueryState } from '../components/query-state.tsx';
import { ToneTag } from '../components/tone-tag.tsx';

type Province = '11' | '12' | '13';
const titles = { enterprise: 'enterprises', school: 'schools', partner: 'partners' } as const;

/** The public directory of one kind of organisation, with keyword search and a province filter. */
export default function DirectoryPage({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const [province, setProvince] = useState<Province | 'all'>('all');
  const input = { kind, q: q || undefined, provinceCode: province === 'all' ? undefined : province, limit: 20 };
  const list = useInfiniteQuery(
    trpc.organizations.list.infiniteQueryOptions(input, { getNextPageParam: (last) => last.next ?? undefined, initialCursor: undefined }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const key = titles[kind];

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {t(`directory.${key}Title`)}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t(`directory.${key}Intro`)}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            aria-label={t('common.search')}
            placeholder={t('common.searchPlaceholder')}
            onSearch={(value) => setQ(value.trim())}
            style={{ width: 300, maxWidth: '100%' }}
            enterButton={t('common.search')}
          />
          <Segmented<Province | 'all'>
            value={province}
            onChange={setProvince}
            options={[
              { label: t('common.all'), value: 'all' },
              { label: t('provinces.11'), value: '11' },
              { label: t('provinces.12'), value: '12' },
              { label: t('provinces.13'), value: '13' },
            ]}
          />
        </Space>
        <QueryState query={list}>
          <Table
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={rows}
            locale={{ emptyText: t('common.noData') }}
            columns={[
              {
                title: t('directory.name'),
                dataIndex: 'name',
                render: (name: string, r) => (
                  <Space size={4} wrap>
                    {name}
                    {r.isDemo && <Tag>{t('app.demo')}</Tag>}
                  </Space>
                ),
              },
              { title: t('directory.region'), key: 'region', render: (_, r) => `${t(`provinces.${r.provinceCode as Province}`)} · ${r.regionName}` },
              ...(kind === 'school' ? [{ title: t('directory.level'), key: 'level', render: (_: unknown, r: (typeof rows)[number]) => (r.schoolLevel ? t(`schoolLevels.${r.schoolLevel}`) : '—') }] : []),
              { title: t('directory.status'), dataIndex: 'status', render: (s: (typeof rows)[number]['status']) => <ToneTag tone={s === 'verified' ? 'green' : 'grey'}>{t(`statuses.${s}`)}</ToneTag> },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('directory.count', { count: rows.length })}</Typography.Text>
            {list.hasNextPage && (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common.more')}
              </Button>
            )}
          </Space>
        </QueryState>
      </Card>
    </>
  );
}
