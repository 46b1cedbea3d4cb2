import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Grid, Row, Segmented, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TrainingBaseKind } from '@ronghe/domain/training-base';
import { useTRPC } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import type { MapPoint } from '../../components/jjj-map.tsx';
import { baseKinds, isKind, searchHref, type BaseFilters } from './search-params.ts';

// ECharts loads only with this page and the other map pages.
const JjjMap = lazy(() => import('../../components/jjj-map.tsx'));

const layers = ['all', 'open', 'kind', 'category'] as const;
type Layer = (typeof layers)[number];
const DEFAULT_KIND: TrainingBaseKind = 'open_practice_centre';
const POINT_LIMIT = 300;
const LISTED_POINTS = 12;

/** /bases/map: published bases per region on the 京津冀 map, by kind, openness or major category, with the bases as dots. */
export default function BaseMapPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const compact = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const layer: Layer = layers.find((l) => l === params.get('layer')) ?? 'all';
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : DEFAULT_KIND;
  const showPoints = params.get('points') !== '0';

  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const majors = useQuery(trpc.reference.majors.queryOptions());
  const supply = useQuery(trpc.trainingBases.supply.queryOptions());
  const categoryCounts = useMemo(() => {
    const counts = new Map<number, number>();
    const { categories = [], regions = [] } = supply.data ?? {};
    categories.forEach((category, i) =>
      counts.set(
        category,
        regions.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0),
      ),
    );
    return counts;
  }, [supply.data]);
  // without a choice, the category with the most bases
  const topCategory = [...categoryCounts.entries()].toSorted((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const categoryParam = Number(params.get('category'));
  const category =
    Number.isInteger(categoryParam) && categoryParam >= 1 && categoryParam <= 19
      ? categoryParam
      : supply.isSuccess
        ? (topCategory ?? 1)
        : undefined;
  const categoryName = (seq: number) => majors.data?.categories.find((c) => c.seq === seq)?.name ?? String(seq);

  /** The layer as search filters: the dots, the region links and the list link use the same. */
  const layerFilters: BaseFilters | undefined =
    layer === 'all'
      ? {}
      : layer === 'open'
        ? { openToPartners: true }
        : layer === 'kind'
          ? { kind }
          : category !== undefined
            ? { majorCategory: category }
            : undefined;
  const stats = useQuery({
    ...trpc.trainingBases.mapStats.queryOptions(
      layer === 'kind'
        ? { dimension: 'kind', value: kind }
        : layer === 'category'
          ? { dimension: 'category', value: category ?? 1 }
          : { dimension: layer },
      { placeholderData: keepPreviousData },
    ),
    enabled: layerFilters !== undefined,
  });
  const points = useQuery({
    ...trpc.trainingBases.points.queryOptions({ ...layerFilters, limit: POINT_LIMIT }, { placeholderData: keepPreviousData }),
    enabled: layerFilters !== undefined,
  });

  const values = useMemo(() => Object.fromEntries((stats.data ?? []).map((s) => [s.mapRegionCode, s.count])), [stats.data]);
  const mapPoints = useMemo<MapPoint[] | undefined>(
    () =>
      showPoints
        ? (points.data ?? []).map((p) => ({
            id: p.id,
            lng: p.lng,
            lat: p.lat,
            label: t('base-search.pointTooltip', { name: p.name, stations: p.stations }),
          }))
        : undefined,
    [points.data, showPoints, t],
  );
  const layerLabel =
    layer === 'kind'
      ? t(`bases.kinds.${kind}`)
      : layer === 'category' && category !== undefined
        ? categoryName(category)
        : t(`base-search.layers.${layer}`);
  const regionHref = (code: string) => searchHref({ ...layerFilters, regionCode: code });
  const format = (n: number) => t('base-search.countFormat', { count: n });

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 8 }}>
        <Typography.Title level={1} style={{ marginTop: 8, marginBottom: 8 }}>
          {t('base-search.mapTitle')}
        </Typography.Title>
        <Link to="/bases">{t('bases.nav.search')}</Link>
      </div>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('base-search.mapIntro')}</Typography.Paragraph>

      <Card styles={compact ? { body: { padding: 12 } } : undefined}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 12 }}>
          <div role="group" aria-label={t('base-search.layer')} style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented<Layer>
              value={layer}
              onChange={(v) => update({ layer: v === 'all' ? undefined : v })}
              options={layers.map((l) => ({ value: l, label: t(`base-search.layers.${l}`) }))}
              size={compact ? 'small' : 'middle'}
            />
          </div>
          {layer === 'kind' && (
            <Select<TrainingBaseKind>
              aria-label={t('base-search.layerKind')}
              value={kind}
              onChange={(v) => update({ kind: v })}
              options={baseKinds.map((k) => ({ value: k, label: t(`bases.kinds.${k}`) }))}
              style={{ flex: '0 1 260px', minWidth: 0 }}
              popupMatchSelectWidth={false}
            />
          )}
          {layer === 'category' && (
            <Select<number>
              aria-label={t('base-search.layerCategory')}
              value={category}
              loading={majors.isPending || supply.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(v) => update({ category: String(v) })}
              options={(majors.data?.categories ?? [])
                .toSorted((a, b) => a.seq - b.seq)
                .map((c) => ({
                  value: c.seq,
                  label: t('base-search.categoryOption', { name: c.name, count: categoryCounts.get(c.seq) ?? 0 }),
                }))}
              style={{ flex: '0 1 260px', minWidth: 0 }}
              popupMatchSelectWidth={false}
            />
          )}
          <Space>
            <Switch id="base-map-points" checked={showPoints} onChange={(on) => update({ points: on ? undefined : '0' })} />
            <label htmlFor="base-map-points">{t('base-search.showPoints')}</label>
          </Space>
        </div>

        <Row gutter={[24, 16]}>
          <Col xs={24} lg={16}>
            <QueryState query={stats} rows={8}>
              <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: compact ? 360 : 520 }} />}>
                <JjjMap
                  values={values}
                  title={t('base-search.mapValues', { layer: layerLabel })}
                  height={compact ? 360 : 520}
                  format={format}
                  points={mapPoints}
                  onPointClick={(id) => void navigate(`/bases/${id}`)}
                  onRegionClick={(code) => void navigate(regionHref(code))}
                  regionHref={regionHref}
                />
              </Suspense>
            </QueryState>
          </Col>
          <Col xs={24} lg={8}>
            <section aria-labelledby="base-map-points-title">
              <Typography.Title id="base-map-points-title" level={2} style={{ fontSize: 18 }}>
                {t('base-search.pointsTitle')}
              </Typography.Title>
              <QueryState query={points} rows={6}>
                {(points.data ?? []).length === 0 ? (
                  <Typography.Paragraph type="secondary">{t('base-search.pointsNone')}</Typography.Paragraph>
                ) : (
                  <>
                    {(points.data ?? []).length >= POINT_LIMIT && (
                      <Typography.Paragraph type="secondary">{t('base-search.pointsShown', { count: POINT_LIMIT })}</Typography.Paragraph>
                    )}
                    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                      {(points.data ?? []).slice(0, LISTED_POINTS).map((p) => (
                        <li key={p.id} style={{ marginBottom: 8 }}>
                          <Link to={`/bases/${p.id}`}>{p.name}</Link>
                          <div>
                            <ToneTag tone="blue">{t(`bases.kinds.${p.kind}`)}</ToneTag>
                            <Typography.Text type="secondary">{t('bases.stationsCount', { count: p.stations })}</Typography.Text>
                          </div>
                        </li>
                      ))}
                    </ol>
                  </>
                )}
                {layerFilters && <Link to={searchHref(layerFilters)}>{t('base-search.viewAsList')}</Link>}
              </QueryState>
            </section>
          </Col>
        </Row>
      </Card>
    </>
  );
}
