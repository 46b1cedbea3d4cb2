import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Col, Input, Row, Select, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';

type Data = RouterOutputs['supplyDemand']['matrix'];
type SchoolRow = Data['schools'][number];
type Cell = Data['cells'][number];
const limits = [10, 20, 50, 100] as const;
const DEFAULT_LIMIT = 20;

// Blues from light to dark; text turns white on the two darkest (contrast ≥ 4.5:1 either way).
const shades = ['#e6f0ff', '#bcd3f5', '#7fa6df', '#1f5fbf', '#0f2c5c'] as const;
function shadeOf(ties: number, max: number): { background: string; color: string } {
  const i = Math.min(shades.length - 1, Math.floor((ties / Math.max(1, max)) * (shades.length - 1) + 0.5));
  return { background: shades[i] ?? shades[0], color: i >= 3 ? '#ffffff' : '#1f1f1f' };
}

/** /admin/matrix: 百校百业, which schools cooperate with which industries, and how widely. */
export default function MatrixPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() || undefined;
  const limitParam = Number(params.get('limit'));
  const limit = limits.find((l) => l === limitParam) ?? DEFAULT_LIMIT;
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

  const query = useQuery(trpc.supplyDemand.matrix.queryOptions({ q, limit }, { placeholderData: keepPreviousData }));
  const data = query.data;
  const cells = useMemo(() => new Map((data?.cells ?? []).map((c) => [`${c.schoolId}:${c.industryCode}`, c])), [data]);
  const max = Math.max(1, ...(data?.cells ?? []).map((c) => c.ties));
  // columns: the industries the shown schools work with, the most widely covered first
  const columnsShown = useMemo(() => {
    const used = new Set((data?.cells ?? []).map((c) => c.industryCode));
    return (data?.industries ?? []).filter((i) => used.has(i.code));
  }, [data]);

  const cellView = (school: SchoolRow, industry: { code: string; name: string }, cell: Cell | undefined) => {
    if (!cell) return null;
    const label = t('supply-demand.tiesLabel', { school: school.name, industry: industry.name, ...cell });
    return (
      <div title={label} style={{ ...shadeOf(cell.ties, max), textAlign: 'center', padding: '2px 6px', borderRadius: 4, minWidth: 36 }}>
        {t('supply-demand.ties', { count: cell.ties })}
      </div>
    );
  };

  const columns: TableColumnsType<SchoolRow> = [
    {
      title: t('supply-demand.school'),
      dataIndex: 'name',
      render: (_: unknown, s) => (
        <div style={{ minWidth: 160, maxWidth: 260 }}>
          <div>{s.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.regionName}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('supply-demand.industriesOfSchool'), dataIndex: 'industries', align: 'right' },
    ...columnsShown.map((i) => ({
      title: <span title={i.name}>{i.name}</span>,
      key: i.code,
      render: (_: unknown, s: SchoolRow) => cellView(s, i, cells.get(`${s.id}:${i.code}`)),
    })),
  ];

  const industryColumns: TableColumnsType<Data['industries'][number]> = [
    { title: t('supply-demand.industry'), dataIndex: 'name', render: (name: string, i) => `${i.code} ${name}` },
    { title: t('supply-demand.schoolsOfIndustry'), dataIndex: 'schools', align: 'right' },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('supply-demand.matrixTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860 }}>{t('supply-demand.matrixIntro')}</Typography.Paragraph>

      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
        <Input.Search
          aria-label={t('supply-demand.search')}
          placeholder={t('supply-demand.searchPlaceholder')}
          defaultValue={q}
          allowClear
          maxLength={50}
          onSearch={(v) => update('q', v.trim() || undefined)}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
        />
        <Select<number>
          aria-label={t('supply-demand.top')}
          value={limit}
          onChange={(v) => update('limit', v === DEFAULT_LIMIT ? undefined : String(v))}
          options={limits.map((l) => ({ value: l, label: t('supply-demand.topOption', { count: l }) }))}
          style={{ flex: '0 1 140px', minWidth: 120 }}
        />
      </div>

      <QueryState query={query} rows={8}>
        {data && (
          <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('supply-demand.schoolsCovered')}
                  value={t('supply-demand.ofTotal', { count: data.totals.schoolsCovered, total: data.totals.schoolsTotal })}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('supply-demand.industriesCovered')}
                  value={t('supply-demand.ofTotal', { count: data.totals.industriesCovered, total: data.totals.industriesTotal })}
                />
              </Col>
            </Row>

            <section aria-labelledby="matrix-heat">
              <Typography.Title id="matrix-heat" level={2} style={{ fontSize: 18 }}>
                {t('supply-demand.matrixHeat')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t('supply-demand.matrixHeatIntro')}</Typography.Paragraph>
              {data.schools.length === 0 ? (
                <Typography.Paragraph>{t('supply-demand.noSchools')}</Typography.Paragraph>
              ) : (
                <Table<SchoolRow>
                  rowKey="id"
                  columns={columns}
                  dataSource={data.schools}
                  pagination={false}
                  size="small"
                  scroll={{ x: 'max-content' }}
                />
              )}
            </section>

            <section aria-labelledby="matrix-industries" style={{ marginTop: 24, maxWidth: 640 }}>
              <Typography.Title id="matrix-industries" level={2} style={{ fontSize: 18 }}>
                {t('supply-demand.industryCoverage')}
              </Typography.Title>
              <Table
                rowKey="code"
                columns={industryColumns}
                dataSource={data.industries}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                size="small"
                scroll={{ x: 'max-content' }}
              />
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}
