import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Grid, Input, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  consortiumKinds as kinds,
  consortiumLevels as levels,
  type ConsortiumKind,
  type ConsortiumLevel,
} from '@ronghe/domain/constants/consortium';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { downloadBase64 } from '../../lib/files.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RegionCascader } from '../../components/region-cascader.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';

const targetCodes = { city_union: 'T01', industry_community: 'T02' } as const;
const PAGE_SIZE = 20;

const oneOf = <T extends string>(all: readonly T[], v: string | null): T | undefined => all.find((x) => x === v);

/** /consortia: the public directory of active consortia, with the counts towards the 2027 targets. */
export default function ConsortiaDirectoryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 8 }}>
        <Typography.Title level={1} style={{ marginTop: 8, marginBottom: 8 }}>
          {t('consortia.title')}
        </Typography.Title>
        {me.data && (
          <Button
            type="primary"
            href="/consortia/new"
            onClick={(e) => {
              e.preventDefault();
              void navigate('/consortia/new');
            }}
          >
            {t('consortia.propose')}
          </Button>
        )}
      </div>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('consortia.intro')}</Typography.Paragraph>
      <Directory />
    </>
  );
}

function Directory() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const kind = oneOf(kinds, params.get('kind'));
  const level = oneOf(levels, params.get('level'));
  const sort = params.get('sort') === 'date' ? 'date' : 'members';
  const industryCode = params.get('industry') ?? undefined;
  const regionCode = params.get('region') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  /** Changes filters; any change but paging goes back to the first page. */
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  const stats = useQuery(trpc.consortia.stats.queryOptions());
  const targets = useQuery(trpc.reference.targets.queryOptions());
  const industries = useQuery(trpc.reference.industries.queryOptions());
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const filter = { kind, level, industryCode, regionCode, q: q || undefined, sort } as const;
  const list = useQuery(trpc.consortia.list.queryOptions({ ...filter, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }));
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // the same filters as the list, every page
  const exportFile = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.consortia.exportDirectory.queryOptions(filter), staleTime: 0 }),
    onSuccess: (file) => downloadBase64(file.filename, file.base64),
    onError: (e) => void message.error(messageOf(e)),
  });

  const activeOf = (k: ConsortiumKind) => (stats.data ?? []).filter((s) => s.kind === k).reduce((n, s) => n + s.count, 0);
  const targetOf = (k: ConsortiumKind) => targets.data?.find((x) => x.code === targetCodes[k])?.target2027;

  const divisions = useMemo(() => (industries.data?.gbt4754 ?? []).filter((i) => i.level === 'division'), [industries.data]);
  const industryOptions = useMemo(() => {
    const all = industries.data?.gbt4754 ?? [];
    return all
      .filter((s) => s.level === 'section')
      .map((s) => ({
        label: `${s.code} ${s.name}`,
        title: `${s.code} ${s.name}`,
        options: divisions.filter((d) => d.section === s.code).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
      }))
      .filter((g) => g.options.length > 0);
  }, [industries.data, divisions]);
  const industryName = (code: string | null) => (code ? `${code} ${divisions.find((d) => d.code === code)?.name ?? ''}` : '—');

  // the cascader wants the path from the province down; the URL keeps only the chosen code
  const regionPath = useMemo(() => {
    if (!regionCode) return [];
    const byCode = new Map((regions.data ?? []).map((r) => [r.code, r]));
    const path: string[] = [];
    for (let r = byCode.get(regionCode); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) path.unshift(r.code);
    return path.length > 0 ? path : [regionCode];
  }, [regionCode, regions.data]);

  type Row = NonNullable<typeof list.data>['items'][number];
  const name = (r: Row) => <Link to={`/consortia/${r.id}`}>{r.name}</Link>;
  const kindTag = (r: Row) => <ToneTag tone={r.kind === 'city_union' ? 'blue' : 'green'}>{t(`consortia.kinds.${r.kind}`)}</ToneTag>;
  const counts = (r: Row) => t('consortia.memberCounts', r.counts);

  const wide: TableColumnsType<Row> = [
    { title: t('consortia.name'), key: 'name', render: (_, r) => name(r) },
    { title: t('consortia.kind'), key: 'kind', width: 170, render: (_, r) => kindTag(r) },
    { title: t('consortia.level'), key: 'level', width: 80, render: (_, r) => t(`consortia.levels.${r.level}`) },
    { title: t('consortia.industry'), key: 'industry', responsive: ['lg'], render: (_, r) => industryName(r.industryCode) },
    { title: t('consortia.members'), key: 'counts', render: (_, r) => counts(r) },
    {
      title: t('common.total'),
      key: 'total',
      width: 80,
      align: 'end',
      render: (_, r) => t('consortia.memberTotal', { count: r.memberCount }),
    },
  ];
  // phones: one column holding everything, so nothing scrolls sideways
  const narrow: TableColumnsType<Row> = [
    {
      title: t('consortia.name'),
      key: 'all',
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          {name(r)}
          <Space size={4} wrap>
            {kindTag(r)}
            <ToneTag tone="grey">{t(`consortia.levels.${r.level}`)}</ToneTag>
          </Space>
          <Typography.Text type="secondary">
            {counts(r)} · {t('common.total')} {t('consortia.memberTotal', { count: r.memberCount })}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  return (
    <>
      <section aria-labelledby="consortia-stats" style={{ marginBottom: 16 }}>
        <Typography.Title id="consortia-stats" level={2} style={{ fontSize: 18 }}>
          {t('consortia.statsTitle')}
        </Typography.Title>
        <QueryState query={stats} rows={2}>
          <Row gutter={[16, 16]}>
            {kinds.map((k) => {
              const target = targetOf(k);
              return (
                <Col xs={24} sm={12} key={k}>
                  <Card size="small">
                    <Statistic title={t(`consortia.kinds.${k}`)} value={activeOf(k)} suffix={target ? `/ ${target}` : undefined} />
                    <Space wrap size={[12, 4]} style={{ marginTop: 4 }}>
                      {target && <Typography.Text type="secondary">{t('consortia.statTarget', { count: target })}</Typography.Text>}
                      <Button
                        size="small"
                        type="link"
                        style={{ padding: 0 }}
                        aria-pressed={kind === k}
                        onClick={() => update({ kind: kind === k ? undefined : k })}
                      >
                        {t('consortia.statShow', { kind: t(`consortia.kinds.${k}`) })}
                      </Button>
                    </Space>
                  </Card>
                </Col>
              );
            })}
          </Row>
        </QueryState>
      </section>

      <Card styles={compact ? { body: { padding: 12 } } : undefined}>
        <div role="group" aria-label={t('consortia.filterKind')} style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}>
          <Segmented<string>
            value={kind ?? 'all'}
            onChange={(v) => update({ kind: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('consortia.allKinds') },
              ...kinds.map((k) => ({ value: k, label: t(compact ? `consortia.kindsShort.${k}` : `consortia.kinds.${k}`) })),
            ]}
            size={compact ? 'small' : 'middle'}
          />
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
          <Input.Search
            key={q}
            allowClear
            defaultValue={q}
            aria-label={t('common.search')}
            placeholder={t('consortia.searchPlaceholder')}
            onSearch={(value) => update({ q: value.trim() || undefined })}
            style={{ flex: '2 1 260px' }}
            enterButton={t('common.search')}
          />
          <Select<ConsortiumLevel>
            allowClear
            aria-label={t('consortia.filterLevel')}
            placeholder={t('consortia.anyLevel')}
            value={level}
            onChange={(v) => update({ level: v })}
            options={levels.map((l) => ({ value: l, label: t(`consortia.levels.${l}`) }))}
            style={{ flex: '1 1 120px' }}
          />
          <Select<string>
            allowClear
            aria-label={t('consortia.filterIndustry')}
            placeholder={t('consortia.anyIndustry')}
            value={industryCode}
            onChange={(v) => update({ industry: v })}
            loading={industries.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={industryOptions}
            style={{ flex: '1 1 220px', minWidth: 0 }}
            popupMatchSelectWidth={false}
          />
          <RegionCascader
            changeOnSelect
            allowClear
            aria-label={t('consortia.filterRegion')}
            placeholder={t('consortia.anyRegion')}
            value={regionPath}
            onChange={(path) => update({ region: path.at(-1) })}
            style={{ flex: '1 1 180px' }}
          />
          <Select<'members' | 'date'>
            aria-label={t('consortia.sort')}
            value={sort}
            onChange={(v) => update({ sort: v === 'members' ? undefined : v })}
            options={(['members', 'date'] as const).map((s) => ({ value: s, label: t(`consortia.sorts.${s}`) }))}
            style={{ flex: '0 1 140px' }}
          />
        </div>
        <QueryState query={list}>
          <Table<Row>
            rowKey="id"
            size="middle"
            dataSource={list.data?.items}
            columns={compact ? narrow : wide}
            loading={list.isFetching && list.isPlaceholderData}
            locale={{ emptyText: <Typography.Text type="secondary">{t('consortia.empty')}</Typography.Text> }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              simple: compact,
              onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
            }}
          />
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginTop: 12 }}>
            <Typography.Text type="secondary" aria-live="polite">
              {t('consortia.total', { count: list.data?.total ?? 0 })}
            </Typography.Text>
            <Button
              size="small"
              onClick={() => exportFile.mutate()}
              loading={exportFile.isPending}
              disabled={(list.data?.total ?? 0) === 0}
            >
              {t('consortia.export')}
            </Button>
          </div>
        </QueryState>
      </Card>
    </>
  );
}
