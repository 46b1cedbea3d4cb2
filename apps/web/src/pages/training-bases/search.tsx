import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Grid, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { activeFilterCount, BaseSearchFilters, clearedFilters, useBaseSearchParams } from './search-filters.tsx';
import { mapRegionCentres } from './search-params.ts';

const PAGE_SIZE = 20;
const sorts = ['relevance', 'distance', 'capacity'] as const;
type Sort = (typeof sorts)[number];
const MY_LOCATION = 'me';
const pair = { display: 'inline-flex', alignItems: 'center', gap: 8 } as const;

/** `near` in the URL: a map region code (its centre) or "lng,lat" (the user's position). */
function parseNear(v: string | null): { lng: number; lat: number } | undefined {
  if (!v) return undefined;
  const centre = mapRegionCentres[v];
  if (centre) return { lng: centre[0], lat: centre[1] };
  const [lng, lat] = v.split(',').map(Number);
  return lng !== undefined &&
    lat !== undefined &&
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    Math.abs(lng) <= 180 &&
    Math.abs(lat) <= 90
    ? { lng, lat }
    : undefined;
}

/** A button that is a link (opens in a new tab too) but navigates inside the app. */
function NavButton({ to, primary, children }: { to: string; primary?: boolean; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      href={to}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        void navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

/** /bases: find a training base by keyword, region, kind, major, industry, openness and free stations. */
export default function BaseSearchPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12, marginBottom: 8 }}>
        <Typography.Title level={1} style={{ marginTop: 8, marginBottom: 8 }}>
          {t('bases.title')}
        </Typography.Title>
        <Space wrap>
          <NavButton to="/bases/map">{t('bases.nav.map')}</NavButton>
          {me.data && (
            <>
              <NavButton to="/bases/mine">{t('bases.nav.mine')}</NavButton>
              <NavButton to="/bases/bookings">{t('bases.nav.bookings')}</NavButton>
              <NavButton to="/bases/new" primary>
                {t('bases.nav.new')}
              </NavButton>
            </>
          )}
        </Space>
      </div>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('bases.intro')}</Typography.Paragraph>
      <Search />
    </>
  );
}

function Search() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const { message } = App.useApp();
  const { params, filters, update } = useBaseSearchParams();
  const sort: Sort = sorts.find((s) => s === params.get('sort')) ?? 'relevance';
  const nearParam = params.get('near');
  const near = parseNear(nearParam);
  // distance needs a point: until one is chosen the results stay in relevance order
  const effectiveSort = sort === 'distance' && !near ? 'relevance' : sort;
  const [locating, setLocating] = useState(false);

  const regions = useQuery(trpc.reference.regions.queryOptions());
  const results = useInfiniteQuery(
    trpc.trainingBases.search.infiniteQueryOptions(
      { ...filters, sort: effectiveSort, near: effectiveSort === 'distance' ? near : undefined, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData, retry: false },
    ),
  );

  const byCode = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r])), [regions.data]);
  /** "河北 · 石家庄市 长安区": the province, then the names below it. */
  const regionName = (code: string) => {
    const names: string[] = [];
    for (let r = byCode.get(code); r && r.level !== 'province'; r = r.parentCode ? byCode.get(r.parentCode) : undefined)
      names.unshift(r.name);
    return `${t(`provinces.${code.slice(0, 2)}`)} · ${names.join(' ') || code}`;
  };
  const nearOptions = useMemo(
    () =>
      (['11', '12', '13'] as const).map((p) => ({
        label: t(`provinces.${p}`),
        title: t(`provinces.${p}`),
        options: Object.keys(mapRegionCentres)
          .filter((c) => c.startsWith(p))
          .map((c) => ({ value: c, label: byCode.get(c)?.name ?? c })),
      })),
    [byCode, t],
  );

  const locate = () => {
    if (!('geolocation' in navigator)) {
      void message.warning(t('base-search.locateFailed'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        update({ sort: 'distance', near: `${pos.coords.longitude.toFixed(4)},${pos.coords.latitude.toFixed(4)}` });
      },
      () => {
        setLocating(false);
        void message.warning(t('base-search.locateFailed'));
      },
      { timeout: 10_000, maximumAge: 600_000 },
    );
  };

  const items = results.data?.pages.flatMap((p) => p.items) ?? [];
  const total = results.data?.pages[0]?.total ?? 0;
  const totalCapped = results.data?.pages[0]?.totalCapped ?? false;
  const filtered = activeFilterCount(filters) > 0;

  return (
    <>
      <Card styles={compact ? { body: { padding: 12 } } : undefined} style={{ marginBottom: 16 }}>
        <BaseSearchFilters filters={filters} update={update} />
      </Card>

      <section aria-labelledby="base-results">
        <div
          style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: 12, marginBottom: 12 }}
        >
          <div>
            <Typography.Title id="base-results" level={2} style={{ fontSize: 18, marginBottom: 4 }}>
              {t('base-search.resultsTitle')}
            </Typography.Title>
            <Typography.Text type="secondary" aria-live="polite">
              {results.isSuccess ? t(totalCapped ? 'base-search.totalMore' : 'base-search.total', { count: total }) : '\u00a0'}
            </Typography.Text>
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
            <span style={pair}>
              <label htmlFor="base-sort">{t('base-search.sort')}</label>
              <Select<Sort>
                id="base-sort"
                value={sort}
                onChange={(v) => update({ sort: v === 'relevance' ? undefined : v, ...(v === 'distance' ? {} : { near: undefined }) })}
                options={sorts.map((s) => ({ value: s, label: t(`base-search.sorts.${s}`) }))}
                style={{ width: 110 }}
              />
            </span>
            {sort === 'distance' && (
              <>
                <span style={pair}>
                  <label htmlFor="base-near">{t('base-search.near')}</label>
                  <Select<string>
                    id="base-near"
                    value={near ? (nearParam && mapRegionCentres[nearParam] ? nearParam : MY_LOCATION) : undefined}
                    placeholder={t('base-search.nearPlaceholder')}
                    showSearch={{ optionFilterProp: 'label' }}
                    onChange={(v) => v !== MY_LOCATION && update({ near: v })}
                    options={[
                      ...(near && !(nearParam && mapRegionCentres[nearParam])
                        ? [{ value: MY_LOCATION, label: t('base-search.myLocation') }]
                        : []),
                      ...nearOptions,
                    ]}
                    style={{ width: 150 }}
                    popupMatchSelectWidth={false}
                  />
                </span>
                <Button onClick={locate} loading={locating}>
                  {locating ? t('base-search.locating') : t('base-search.useMyLocation')}
                </Button>
              </>
            )}
          </div>
        </div>
        {sort === 'distance' && !near && <Alert type="info" showIcon title={t('base-search.nearHint')} style={{ marginBottom: 12 }} />}

        <QueryState query={results}>
          {items.length === 0 ? (
            <Card>
              <Empty
                description={
                  <>
                    <Typography.Text strong>{t('base-search.empty')}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{t('base-search.emptyHint')}</Typography.Text>
                  </>
                }
              >
                {(filtered || filters.q) && (
                  <Button onClick={() => update({ ...clearedFilters, q: undefined })}>{t('base-search.clearFilters')}</Button>
                )}
              </Empty>
            </Card>
          ) : (
            <ol
              style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12, opacity: results.isPlaceholderData ? 0.6 : 1 }}
              aria-busy={results.isFetching}
            >
              {items.map((item) => (
                <li key={item.id}>
                  <Card size="small">
                    <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
                      <Link to={`/bases/${item.id}`}>{item.name}</Link>
                    </Typography.Title>
                    <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
                      <ToneTag tone="blue">{t(`bases.kinds.${item.kind}`)}</ToneTag>
                      {item.openToPartners ? (
                        <ToneTag tone="green">
                          {item.openTerms
                            ? `${t('bases.openToPartners')} · ${t(`bases.terms.${item.openTerms}`)}`
                            : t('bases.openToPartners')}
                        </ToneTag>
                      ) : (
                        <ToneTag tone="grey">{t('bases.notOpen')}</ToneTag>
                      )}
                    </Space>
                    <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                      {t('base-search.ownerLine', { name: item.ownerName })}
                    </Typography.Paragraph>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {[
                        regionName(item.regionCode),
                        t('bases.stationsCount', { count: item.stations }),
                        item.distanceKm !== null
                          ? t('base-search.distance', {
                              km: item.distanceKm < 10 ? item.distanceKm.toFixed(1) : Math.round(item.distanceKm),
                            })
                          : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Typography.Paragraph>
                  </Card>
                </li>
              ))}
            </ol>
          )}
          <div style={{ display: 'flex', justifyContent: 'center', marginTop: 16 }}>
            {results.hasNextPage ? (
              <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
                {t('base-search.loadMore')}
              </Button>
            ) : (
              items.length > PAGE_SIZE && (
                <Typography.Text type="secondary">{t('base-search.allLoaded', { count: items.length })}</Typography.Text>
              )
            )}
          </div>
        </QueryState>
      </section>
    </>
  );
}
