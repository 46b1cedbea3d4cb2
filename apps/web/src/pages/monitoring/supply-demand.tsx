import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Grid, Row, Select, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';

// ECharts loads only with the map pages.
const JjjMap = lazy(() => import('../../components/jjj-map.tsx'));

type Data = RouterOutputs['supplyDemand']['map'];
type Figure = Data['totals'];
type RegionRow = Data['regions'][number];
const provinces = ['11', '12', '13'] as const;
type Province = (typeof provinces)[number];
const metrics = ['shortfall', 'surplus', 'demand', 'supply'] as const;
type Metric = (typeof metrics)[number];

/** The map's value for a region: the map shades 0 up, so a gap is shown one side at a time. */
const valueOf = (f: Figure, metric: Metric) =>
  metric === 'shortfall' ? Math.max(0, f.gap) : metric === 'surplus' ? Math.max(0, -f.gap) : metric === 'demand' ? f.demand : f.supply;

// Fills with dark text at ≥ 4.5:1; the level is also written in the cell, so colour is never the only cue.
const levelStyle: Record<Figure['level'], { background?: string; color?: string }> = {
  short: { background: '#ffccc7', color: '#5c0011' },
  surplus: { background: '#d6e4ff', color: '#061178' },
  balanced: {},
  none: { color: '#595959' },
};

/** /admin/supply-demand: 职业教育资源匹配数字地图, demand and supply by map region and 专业大类. */
export default function SupplyDemandPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const province = provinces.find((p) => p === params.get('province'));
  const categoryParam = Number(params.get('category'));
  const category = Number.isInteger(categoryParam) && categoryParam >= 1 && categoryParam <= 19 ? categoryParam : undefined;
  const metric: Metric = metrics.find((m) => m === params.get('metric')) ?? 'shortfall';
  const update = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const majors = useQuery(trpc.reference.majors.queryOptions());
  const query = useQuery(
    trpc.supplyDemand.map.queryOptions({ provinceCode: province, categorySeq: category }, { placeholderData: keepPreviousData }),
  );
  const data = query.data;
  const queryClient = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  // the figures are counted at most every 10 minutes; 刷新 counts them now
  const refresh = async () => {
    setRefreshing(true);
    try {
      await queryClient.fetchQuery(
        trpc.supplyDemand.map.queryOptions({ provinceCode: province, categorySeq: category, refresh: true }, { staleTime: 0 }),
      );
      await queryClient.invalidateQueries({ queryKey: trpc.supplyDemand.map.pathKey() });
    } finally {
      setRefreshing(false);
    }
  };
  const categoryName = (seq: number) =>
    majors.data?.categories.find((c) => c.seq === seq)?.name ?? data?.categories.find((c) => c.seq === seq)?.name ?? String(seq);
  const values = useMemo(() => Object.fromEntries((data?.regions ?? []).map((r) => [r.code, valueOf(r, metric)])), [data, metric]);
  const scope = [
    province ? t(`provinces.${province}`) : t('supply-demand.allProvinces'),
    category ? categoryName(category) : t('supply-demand.allCategories'),
  ].join(t('consortia.listSeparator'));
  const people = (n: number) => t('supply-demand.people', { count: n });

  // only categories with any figure get a column (the chosen one always)
  const shownCategories = (data?.categories ?? []).filter((c) => c.seq === category || c.demand > 0 || c.supply > 0);
  const cells = useMemo(() => new Map((data?.cells ?? []).map((c) => [`${c.regionCode}:${c.categorySeq}`, c])), [data]);
  const rows = (data?.regions ?? []).filter((r) => r.demand > 0 || r.supply > 0);

  const figureCell = (f: Figure | undefined, region: string, categoryLabel: string) => {
    if (!f) return <span aria-hidden="true">·</span>;
    const label = t('supply-demand.cellLabel', {
      region,
      category: categoryLabel,
      demand: f.demand,
      supply: f.supply,
      students: f.students,
      stations: f.stations,
    });
    return (
      <div title={label} style={{ ...levelStyle[f.level], padding: '2px 6px', borderRadius: 4, whiteSpace: 'nowrap' }}>
        {t('supply-demand.cell', { demand: f.demand, supply: f.supply })}
        {f.level === 'short' || f.level === 'surplus' ? (
          <span style={{ marginInlineStart: 4, fontSize: 12 }}>{t(`supply-demand.levels.${f.level}`)}</span>
        ) : null}
      </div>
    );
  };

  const columns: TableColumnsType<RegionRow> = [
    {
      title: t('supply-demand.region'),
      dataIndex: 'name',
      fixed: compact ? undefined : 'left',
      render: (_: unknown, r) => `${t(`provinces.${r.provinceCode}`)} · ${r.name}`,
    },
    {
      title: category ? categoryName(category) : t('supply-demand.total'),
      key: 'total',
      render: (_: unknown, r) => figureCell(r, r.name, category ? categoryName(category) : t('supply-demand.total')),
    },
    ...(category
      ? []
      : shownCategories.map((c) => ({
          title: c.name,
          key: `c${c.seq}`,
          render: (_: unknown, r: RegionRow) => figureCell(cells.get(`${r.code}:${c.seq}`), r.name, c.name),
        }))),
  ];

  const totals = data?.totals;
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('supply-demand.mapTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860 }}>{t('supply-demand.mapIntro')}</Typography.Paragraph>

      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
        <Select<Province | 'all'>
          aria-label={t('supply-demand.province')}
          value={province ?? 'all'}
          onChange={(v) => update('province', v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: t('supply-demand.allProvinces') },
            ...provinces.map((p) => ({ value: p, label: t(`provinces.${p}`) })),
          ]}
          style={{ flex: '0 1 180px', minWidth: 140 }}
        />
        <Select<number>
          aria-label={t('supply-demand.category')}
          value={category ?? 0}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v) => update('category', v ? String(v) : undefined)}
          options={[
            { value: 0, label: t('supply-demand.allCategories') },
            ...(majors.data?.categories ?? []).toSorted((a, b) => a.seq - b.seq).map((c) => ({ value: c.seq, label: c.name })),
          ]}
          style={{ flex: '0 1 240px', minWidth: 160 }}
          popupMatchSelectWidth={false}
        />
        <Select<Metric>
          aria-label={t('supply-demand.metric')}
          value={metric}
          onChange={(v) => update('metric', v === 'shortfall' ? undefined : v)}
          options={metrics.map((m) => ({ value: m, label: t(`supply-demand.metrics.${m}`) }))}
          style={{ flex: '0 1 240px', minWidth: 160 }}
          popupMatchSelectWidth={false}
        />
        {data && (
          <Space size={8} wrap style={{ alignSelf: 'center' }}>
            <Typography.Text type="secondary">
              {t('supply-demand.countedAt', { time: dayjs(data.takenAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Text>
            <Button size="small" loading={refreshing} onClick={() => void refresh()}>
              {t('supply-demand.refresh')}
            </Button>
          </Space>
        )}
      </div>

      <QueryState query={query} rows={8}>
        {totals && (
          <section aria-labelledby="sd-totals">
            <Typography.Title id="sd-totals" level={2} style={{ fontSize: 18 }}>
              {t('supply-demand.totalsOf', { scope })}
            </Typography.Title>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={6}>
                <Statistic title={t('supply-demand.demand')} value={totals.demand} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('supply-demand.supplyOf', { students: totals.students, stations: totals.stations })}
                  value={totals.supply}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('supply-demand.gap')}
                  value={totals.gap}
                  styles={{ content: totals.level === 'short' ? { color: '#a8071a' } : undefined }}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('supply-demand.ratio')}
                  value={totals.ratio ?? t('supply-demand.ratioNone')}
                  suffix={
                    totals.ratio !== null ? t('supply-demand.levelNote', { level: t(`supply-demand.levels.${totals.level}`) }) : undefined
                  }
                />
              </Col>
            </Row>
            {data && (data.unmapped.demand > 0 || data.unmapped.students > 0) && (
              <Typography.Paragraph type="secondary">{t('supply-demand.unmapped', data.unmapped)}</Typography.Paragraph>
            )}
          </section>
        )}

        <Card styles={compact ? { body: { padding: 12 } } : undefined} style={{ marginBottom: 24 }}>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: compact ? 360 : 520 }} />}>
            <JjjMap
              values={values}
              title={t('supply-demand.mapValues', { metric: t(`supply-demand.metrics.${metric}`), scope })}
              height={compact ? 360 : 520}
              format={people}
            />
          </Suspense>
        </Card>

        <section aria-labelledby="sd-heat">
          <Typography.Title id="sd-heat" level={2} style={{ fontSize: 18 }}>
            {t('supply-demand.heatTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('supply-demand.heatIntro', { percent: Math.round((data?.threshold ?? 0.2) * 100) })}
          </Typography.Paragraph>
          {rows.length === 0 ? (
            <Typography.Paragraph>{t('supply-demand.empty')}</Typography.Paragraph>
          ) : (
            <Table<RegionRow>
              rowKey="code"
              columns={columns}
              dataSource={rows}
              pagination={false}
              size="small"
              scroll={{ x: 'max-content' }}
            />
          )}
        </section>
      </QueryState>
    </>
  );
}
