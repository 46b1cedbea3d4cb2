import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Form, Input, List, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NeedKind } from '@ronghe/domain/need';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RegionCascader } from '../../components/region-cascader.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { needKinds, useMajorNames } from './shared.tsx';

const PAGE_SIZE = 20;
const sorts = ['deadline', 'newest'] as const;
type Sort = (typeof sorts)[number];
type Filters = { q: string; kind: NeedKind | ''; region: string[]; major: string; sort: Sort };

const isKind = (v: string | null): v is NeedKind => !!v && (needKinds as readonly string[]).includes(v);

/** Filters live in the URL, so a search can be shared and survives a reload. */
function useFilters(): [Filters, (f: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind');
  const sort = params.get('sort');
  const filters: Filters = {
    q: params.get('q') ?? '',
    kind: isKind(kind) ? kind : '',
    region: (params.get('region') ?? '').split(',').filter((c) => /^\d{6}$/.test(c)),
    major: /^\d{2}(\d{2}(\d{2})?)?$/.test(params.get('major') ?? '') ? (params.get('major') ?? '') : '',
    sort: sort === 'newest' ? 'newest' : 'deadline',
  };
  const set = (f: Filters) => {
    const next = new URLSearchParams();
    if (f.q.trim()) next.set('q', f.q.trim());
    if (f.kind) next.set('kind', f.kind);
    if (f.region.length) next.set('region', f.region.join(','));
    if (f.major) next.set('major', f.major);
    if (f.sort !== 'deadline') next.set('sort', f.sort);
    setParams(next, { replace: true });
  };
  return [filters, set];
}

/** /needs: anyone browses the published needs still open to apply; no contacts are shown here. */
export default function BrowseNeedsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const [filters, setFilters] = useFilters();
  const [keyword, setKeyword] = useState(filters.q);
  const { majors, nameOf } = useMajorNames();
  const input = {
    q: filters.q || undefined,
    kind: filters.kind || undefined,
    regionCode: filters.region.at(-1),
    major: filters.major || undefined,
    sort: filters.sort,
    limit: PAGE_SIZE,
  };
  const list = useInfiniteQuery({
    ...trpc.needs.search.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      initialCursor: undefined,
    }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const majorOptions = useMemo(() => {
    const categories = (majors.data?.categories ?? []).map((c) => ({
      value: c.codeGaozhi,
      label: t('needs.category', { code: c.codeGaozhi, name: c.name }),
    }));
    const rows = (majors.data?.majors ?? []).map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }));
    return [...categories, ...rows];
  }, [majors.data, t]);
  const managesEnterprise = (me.data?.memberships ?? []).some((m) => m.kind === 'enterprise');

  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 12 }}>
        <Typography.Title level={1} style={{ marginTop: 8, marginBottom: 8 }}>
          {t('needs.browseTitle')}
        </Typography.Title>
        {managesEnterprise && (
          <Space wrap>
            <Link to="/needs/mine">{t('needs.myNeeds')}</Link>
            <Link to="/needs/new">{t('needs.post_')}</Link>
          </Space>
        )}
      </div>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('needs.browseIntro')}</Typography.Paragraph>

      <Card style={{ marginBottom: 16 }}>
        <Form layout="vertical" onFinish={() => setFilters({ ...filters, q: keyword })}>
          <Row gutter={[12, 0]}>
            <Col xs={24} md={12} lg={8}>
              <Form.Item label={t('needs.keyword')} htmlFor="needs-keyword">
                <Input.Search
                  id="needs-keyword"
                  value={keyword}
                  maxLength={50}
                  allowClear
                  placeholder={t('needs.keywordPlaceholder')}
                  onChange={(e) => setKeyword(e.target.value)}
                  onSearch={(q) => setFilters({ ...filters, q })}
                  enterButton={t('needs.search')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label={t('needs.kind')}>
                <Select
                  aria-label={t('needs.kind')}
                  value={filters.kind}
                  onChange={(kind: NeedKind | '') => setFilters({ ...filters, kind })}
                  options={[
                    { value: '', label: t('needs.anyKind') },
                    ...needKinds.map((k) => ({ value: k, label: t(`needs.kinds.${k}`) })),
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('needs.region')}>
                <RegionCascader
                  aria-label={t('needs.region')}
                  changeOnSelect
                  placeholder={t('needs.anyRegion')}
                  value={filters.region}
                  onChange={(region) => setFilters({ ...filters, region })}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('needs.majorFilter')}>
                <Select
                  aria-label={t('needs.majorFilter')}
                  allowClear
                  loading={majors.isPending}
                  value={filters.major || undefined}
                  placeholder={t('needs.majorFilterPlaceholder')}
                  showSearch={{ optionFilterProp: 'label' }}
                  onChange={(major?: string) => setFilters({ ...filters, major: major ?? '' })}
                  options={majorOptions}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label={t('needs.sortBy')}>
                <Select
                  aria-label={t('needs.sortBy')}
                  value={filters.sort}
                  onChange={(sort: Sort) => setFilters({ ...filters, sort })}
                  options={sorts.map((s) => ({ value: s, label: t(s === 'deadline' ? 'needs.sortDeadline' : 'needs.sortNewest') }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 24 }}>
              <Button
                onClick={() => {
                  setKeyword('');
                  setFilters({ q: '', kind: '', region: [], major: '', sort: 'deadline' });
                }}
              >
                {t('needs.reset')}
              </Button>
            </Col>
          </Row>
        </Form>
      </Card>

      <QueryState query={list}>
        {items.length === 0 ? (
          <Empty description={t('needs.noResults')} />
        ) : (
          <Card title={<Heading>{t('needs.browseTitle')}</Heading>}>
            <List
              dataSource={items}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Space wrap size={8}>
                        <Link to={`/needs/${n.id}`}>{n.title}</Link>
                        <ToneTag tone="blue">{t(`needs.kinds.${n.kind}`)}</ToneTag>
                      </Space>
                    }
                    description={
                      <Space wrap separator="·" style={{ rowGap: 2 }}>
                        <span>{n.organizationName}</span>
                        <span>{n.regionName}</span>
                        {n.majorCodes.length > 0 && <span>{n.majorCodes.map(nameOf).join('、')}</span>}
                        <span>
                          {n.headcount === null
                            ? t('needs.noPlaces')
                            : t('needs.remaining', { left: n.remaining ?? 0, headcount: n.headcount })}
                        </span>
                        <span>{t('needs.deadlineOn', { date: n.deadline })}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
            {list.hasNextPage && (
              <div style={{ textAlign: 'center', marginTop: 12 }}>
                <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('needs.loadMore')}
                </Button>
              </div>
            )}
          </Card>
        )}
      </QueryState>
    </>
  );
}
