import { useMemo, type ComponentProps, type ReactNode } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Grid, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { needKinds } from '@ronghe/domain/constants/need';
import { trainingBaseKinds } from '@ronghe/domain/constants/training-base';
import { todayInChina } from '@ronghe/domain/constants/training-base';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { messageOf } from '../../lib/errors.ts';
import { downloadBase64 } from '../../lib/files.ts';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { Chart } from './charts.tsx';
import './annual-report.css';

// 年度实施报告: the yearly report as a printable page (browser print → PDF), with the same figures as the
// Excel download. Print CSS (annual-report.css) hides the app's chrome and starts each section on a new page.

type Report = RouterOutputs['annualReport']['data'];
type Option = ComponentProps<typeof Chart>['option'];
type Rag = Report['indicators'][number]['rag'];

const FIRST_YEAR = 2025;
const ragTone: Record<Rag, Tone> = { green: 'green', amber: 'gold', red: 'red' };
const ragColour: Record<Rag, string> = { green: '#1e6b0a', amber: '#8a5a00', red: '#a8071a' };

export default function AnnualReportPage() {
  const { year: param } = useParams();
  const current = Number(todayInChina().slice(0, 4));
  const year = Number(param);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > current) return <Navigate to={`/admin/report/${current}`} replace />;
  return <ReportView year={year} current={current} />;
}

function ReportView({ year, current }: { year: number; current: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useQuery(trpc.annualReport.data.queryOptions({ year }));
  const excel = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.annualReport.excel.queryOptions({ year }), staleTime: 0 }),
    onSuccess: (file) => downloadBase64(file.filename, file.base64),
    onError: (e) => void message.error(messageOf(e)),
  });
  const years = Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);

  return (
    <article className="annual-report">
      <div className="report-toolbar no-print">
        <Space wrap>
          <Select<number>
            aria-label={t('annual-report.year')}
            value={year}
            onChange={(y) => void navigate(`/admin/report/${y}`)}
            options={years.map((y) => ({ value: y, label: t('annual-report.yearOption', { year: y }) }))}
            style={{ minWidth: 110 }}
          />
          <Button type="primary" loading={excel.isPending} onClick={() => excel.mutate()}>
            {t('annual-report.downloadExcel')}
          </Button>
          <Button onClick={() => window.print()}>{t('annual-report.print')}</Button>
        </Space>
      </div>
      <header className="report-header">
        <Typography.Title level={1} className="report-title">
          {t('annual-report.title', { year })}
        </Typography.Title>
        {report.data && (
          <Typography.Paragraph className="report-asof">
            {t('annual-report.asOf', { day: report.data.asOf })}
            <br />
            <Typography.Text type="secondary">{t('annual-report.asOfNote')}</Typography.Text>
          </Typography.Paragraph>
        )}
      </header>
      <QueryState query={report} rows={12}>
        {report.data && <Sections report={report.data} />}
      </QueryState>
    </article>
  );
}

const fmt = (n: number | null | undefined, lang: string, digits = 1) =>
  n === null || n === undefined ? '—' : n.toLocaleString(lang, { maximumFractionDigits: digits });
const nameIn = (i: { name: string; nameEn: string }, lang: string) => (lang === 'en' && i.nameEn ? i.nameEn : i.name);
const pct = (p: number | null, lang: string) => (p === null ? '—' : `${(p * 100).toLocaleString(lang, { maximumFractionDigits: 1 })}%`);

function Sections({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  // phones: the progress chart names indicators by code only, so the bars keep their room
  const compact = !Grid.useBreakpoint().md;
  const n = (v: number | null | undefined) => fmt(v, lang);
  const name = (i: { name: string; nameEn: string }) => nameIn(i, lang);
  const pastYearEnds = report.trend.yearEnds.filter((y) => y.day < report.asOf);
  const c = report.tasks.counts;

  const progressOption = useMemo<Option>(() => {
    const rows = report.indicators.toReversed();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: '{value}%' },
        max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      },
      yAxis: {
        type: 'category',
        data: rows.map((i) => (compact ? i.code : `${i.code} ${nameIn(i, lang)}`)),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: rows.map((i) => ({
            value: i.progress === null ? 0 : Math.round(i.progress * 1000) / 10,
            itemStyle: { color: ragColour[i.rag] },
          })),
          label: { show: true, position: 'right', formatter: '{c}%' },
          markLine: { silent: true, symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: '#595959', type: 'dashed' } },
        },
      ],
    };
  }, [report, lang, compact]);

  const provinceOption = useMemo<Option>(() => {
    const provinces = report.consortia.byProvince;
    const count = (rows: Array<{ code: string; count: number }>, code: string) => rows.find((r) => r.code === code)?.count ?? 0;
    const series = [
      { name: t('annual-report.consortia'), data: provinces.map((p) => p.count), color: '#1f5fbf' },
      { name: t('annual-report.bases'), data: provinces.map((p) => count(report.bases.byProvince, p.code)), color: '#1e6b0a' },
      { name: t('annual-report.needs'), data: provinces.map((p) => count(report.needs.byProvince, p.code)), color: '#8a5a00' },
    ];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 24, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: provinces.map((p) => t(`provinces.${p.code}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.data,
        itemStyle: { color: s.color },
        label: { show: true, position: 'top' },
      })),
    };
  }, [report, t]);

  const keyFigures: Array<[string, number]> = [
    ['consortia', report.consortia.count],
    ['members', report.consortia.members],
    ['bases', report.bases.count],
    ['stations', report.bases.stations],
    ['needs', report.needs.count],
    ['headcount', report.needs.headcount],
    ['students', report.placements.studentsInYear],
    ['projects', report.projects.completedInYear],
  ];

  // 共同体: districts within each province, a subtotal per province, the total
  const consortiumRows: Row[] = [];
  for (const p of report.consortia.byProvince) {
    const inP = report.consortia.byRegion.filter((r) => r.provinceCode === p.code);
    if (inP.length === 0) continue;
    for (const r of inP)
      consortiumRows.push({
        key: r.code,
        cells: [
          t(`provinces.${p.code}`),
          r.name,
          n(r.cityUnion),
          n(r.industryCommunity),
          n(r.count),
          n(r.members),
          n(r.schools),
          n(r.enterprises),
          n(r.partners),
        ],
      });
    const s = (f: (r: (typeof inP)[number]) => number) => n(inP.reduce((a, r) => a + f(r), 0));
    consortiumRows.push({
      key: `${p.code}-sub`,
      total: true,
      cells: [
        t(`provinces.${p.code}`),
        t('annual-report.subtotal'),
        s((r) => r.cityUnion),
        s((r) => r.industryCommunity),
        s((r) => r.count),
        s((r) => r.members),
        s((r) => r.schools),
        s((r) => r.enterprises),
        s((r) => r.partners),
      ],
    });
  }
  const all = report.consortia.byRegion;
  const ct = (f: (r: (typeof all)[number]) => number) => n(all.reduce((a, r) => a + f(r), 0));
  consortiumRows.push({
    key: 'total',
    total: true,
    cells: [
      t('annual-report.total'),
      '',
      ct((r) => r.cityUnion),
      ct((r) => r.industryCommunity),
      n(report.consortia.count),
      ct((r) => r.members),
      ct((r) => r.schools),
      ct((r) => r.enterprises),
      ct((r) => r.partners),
    ],
  });

  const provinces = report.bases.byProvince;
  const projectKinds = needKinds.filter((k) => k !== 'internship');
  const projectOf = (k: string) => report.projects.byKind.find((p) => p.kind === k);
  const projectSum = (f: (p: Report['projects']['byKind'][number]) => number) => n(report.projects.byKind.reduce((a, p) => a + f(p), 0));

  return (
    <>
      <Section id="report-overview" title={t('annual-report.overview')}>
        <div className="report-figures">
          <Figures
            title={t('annual-report.ragCounts')}
            items={(['green', 'amber', 'red'] as const).map((r) => [
              <ToneTag key={r} tone={ragTone[r]}>
                {t(`annual-report.${r}`)}
              </ToneTag>,
              t('annual-report.items', { count: report.rag[r] }),
            ])}
          />
          <Figures
            title={t('annual-report.tasks')}
            items={[
              [t('annual-report.taskCounts.done'), n(c.done)],
              [t('annual-report.taskCounts.late'), n(c.late)],
              [t('annual-report.taskCounts.open'), n(c.open)],
              [t('annual-report.taskCounts.atRisk'), n(c.atRisk)],
              [t('annual-report.taskCounts.total'), n(c.total)],
            ]}
          />
          <Figures title={t('annual-report.keyFigures')} items={keyFigures.map(([k, v]) => [t(`annual-report.key.${k}`), n(v)])} />
        </div>
        <h3 className="report-subtitle">{t('annual-report.byProvinceChart')}</h3>
        <div className="report-chart">
          <Chart option={provinceOption} label={t('annual-report.byProvinceChartLabel')} height={280} />
        </div>
      </Section>

      <Section id="report-indicators" title={t('annual-report.indicators')}>
        <h3 className="report-subtitle">{t('annual-report.progressChart')}</h3>
        <div className="report-chart">
          <Chart
            option={progressOption}
            label={t('annual-report.progressChartLabel')}
            height={Math.max(200, report.indicators.length * 24 + 40)}
          />
        </div>
        <DataTable
          caption={t('annual-report.indicators')}
          columns={[
            t('annual-report.code'),
            { title: t('annual-report.name'), wide: true },
            t('annual-report.unit'),
            { title: t('annual-report.target'), numeric: true },
            { title: t('annual-report.value'), numeric: true },
            { title: t('annual-report.expected'), numeric: true },
            { title: t('annual-report.progress'), numeric: true },
            t('annual-report.status'),
            t('annual-report.source'),
            t('annual-report.reportedOn'),
            ...pastYearEnds.map((y) => ({ title: t('annual-report.yearEnd', { year: y.year }), numeric: true })),
          ]}
          rows={report.indicators.map((i) => ({
            key: i.id,
            cells: [
              i.code,
              name(i),
              i.unit,
              n(i.target),
              n(i.value),
              n(i.expected),
              pct(i.progress, lang),
              <ToneTag key="rag" tone={ragTone[i.rag]}>
                {t(`annual-report.${i.rag}`)}
              </ToneTag>,
              t(`annual-report.sources.${i.source}`),
              i.reportedOn ?? '—',
              ...pastYearEnds.map((y) => n(i.yearEnds[report.trend.yearEnds.indexOf(y)])),
            ],
          }))}
        />
        <DataTable
          caption={t('annual-report.trend')}
          columns={[
            { title: t('annual-report.name'), wide: true },
            ...report.trend.months.map((m) => ({
              title: t('annual-report.month', { month: lang === 'en' ? m.month : Number(m.month.slice(5)) }),
              numeric: true,
            })),
          ]}
          rows={report.indicators.map((i) => ({ key: i.id, cells: [`${i.code} ${name(i)}`, ...i.months.map((v) => n(v))] }))}
        />
      </Section>

      <Section id="report-tasks" title={t('annual-report.tasks')}>
        {report.tasks.items.length === 0 ? (
          <Alert type="info" title={t('annual-report.taskNone')} />
        ) : (
          <DataTable
            caption={t('annual-report.tasks')}
            columns={[
              '#',
              { title: t('annual-report.taskTitle'), wide: true },
              { title: t('annual-report.owner'), wide: true },
              t('annual-report.responsible'),
              t('annual-report.startsOn'),
              t('annual-report.deadline'),
              { title: t('annual-report.taskProgress'), numeric: true },
              t('annual-report.status'),
              t('annual-report.completedOn'),
              t('annual-report.flag'),
            ]}
            rows={report.tasks.items.map((task, i) => ({
              key: task.id,
              cells: [
                i + 1,
                task.title,
                task.ownerName,
                task.responsibleName,
                task.startsOn,
                task.deadline,
                `${task.progress}%`,
                t(`annual-report.taskStatuses.${task.status}`),
                task.completedOn ?? '—',
                <ToneTag
                  key="flag"
                  tone={task.flag === 'overdue' ? 'red' : task.flag === 'at_risk' ? 'gold' : task.flag === 'done' ? 'green' : 'grey'}
                >
                  {t(`annual-report.flags.${task.flag}`)}
                </ToneTag>,
              ],
            }))}
          />
        )}
      </Section>

      <Section id="report-consortia" title={t('annual-report.consortia')}>
        <DataTable
          caption={t('annual-report.consortia')}
          columns={[
            t('annual-report.province'),
            t('annual-report.region'),
            { title: t('consortia.kinds.city_union'), numeric: true },
            { title: t('consortia.kinds.industry_community'), numeric: true },
            { title: t('annual-report.total'), numeric: true },
            { title: t('annual-report.members'), numeric: true },
            { title: t('annual-report.schools'), numeric: true },
            { title: t('annual-report.enterprises'), numeric: true },
            { title: t('annual-report.partners'), numeric: true },
          ]}
          rows={consortiumRows}
        />
      </Section>

      <Section id="report-bases" title={t('annual-report.bases')}>
        <DataTable
          caption={t('annual-report.bases')}
          columns={[
            { title: t('annual-report.kind'), wide: true },
            ...provinces.map((p) => ({ title: t(`provinces.${p.code}`), numeric: true })),
            { title: t('annual-report.total'), numeric: true },
            { title: t('annual-report.stations'), numeric: true },
            { title: t('annual-report.newInYear'), numeric: true },
          ]}
          rows={[
            ...trainingBaseKinds.map((k) => {
              const b = report.bases.byKind.find((x) => x.kind === k);
              return {
                key: k,
                cells: [
                  t(`bases.kinds.${k}`),
                  ...provinces.map((p) => n(b?.byProvince[p.code] ?? 0)),
                  n(b?.count ?? 0),
                  n(b?.stations ?? 0),
                  n(b?.newInYear ?? 0),
                ],
              };
            }),
            {
              key: 'total',
              total: true,
              cells: [
                t('annual-report.total'),
                ...provinces.map((p) => n(p.count)),
                n(report.bases.count),
                n(report.bases.stations),
                n(report.bases.newInYear),
              ],
            },
          ]}
        />
      </Section>

      <Section id="report-needs" title={t('annual-report.needs')}>
        <DataTable
          caption={t('annual-report.needsByIndustry')}
          columns={[
            { title: t('annual-report.industry'), wide: true },
            ...needKinds.map((k) => ({ title: t(`needs.kinds.${k}`), numeric: true })),
            { title: t('annual-report.total'), numeric: true },
            { title: t('annual-report.headcount'), numeric: true },
          ]}
          rows={[
            ...report.needs.byIndustry.map((g) => ({
              key: g.code || 'none',
              cells: [
                g.code ? `${g.code} ${g.name}` : t('annual-report.noIndustry'),
                ...needKinds.map((k) => n(g.byKind[k] ?? 0)),
                n(g.count),
                n(g.headcount),
              ],
            })),
            {
              key: 'total',
              total: true,
              cells: [
                t('annual-report.total'),
                ...needKinds.map((k) => n(report.needs.byKind.find((x) => x.kind === k)?.count ?? 0)),
                n(report.needs.count),
                n(report.needs.headcount),
              ],
            },
          ]}
        />
        <div className="report-pair">
          <DataTable
            caption={t('annual-report.needsByKind')}
            columns={[
              t('annual-report.kind'),
              { title: t('annual-report.needCount'), numeric: true },
              { title: t('annual-report.headcount'), numeric: true },
              { title: t('annual-report.accepted'), numeric: true },
            ]}
            rows={[
              ...needKinds.map((k) => {
                const g = report.needs.byKind.find((x) => x.kind === k);
                return { key: k, cells: [t(`needs.kinds.${k}`), n(g?.count ?? 0), n(g?.headcount ?? 0), n(g?.accepted ?? 0)] };
              }),
              {
                key: 'total',
                total: true,
                cells: [t('annual-report.total'), n(report.needs.count), n(report.needs.headcount), n(report.needs.accepted)],
              },
            ]}
          />
          <DataTable
            caption={t('annual-report.needsByProvince')}
            columns={[
              t('annual-report.province'),
              { title: t('annual-report.needCount'), numeric: true },
              { title: t('annual-report.headcount'), numeric: true },
            ]}
            rows={[
              ...report.needs.byProvince.map((p) => ({ key: p.code, cells: [t(`provinces.${p.code}`), n(p.count), n(p.headcount)] })),
              { key: 'total', total: true, cells: [t('annual-report.total'), n(report.needs.count), n(report.needs.headcount)] },
            ]}
          />
        </div>
      </Section>

      <Section id="report-placements" title={t('annual-report.placements')}>
        <DataTable
          caption={t('annual-report.placementsByProvince')}
          columns={[
            t('annual-report.province'),
            { title: t('annual-report.placementsYear'), numeric: true },
            { title: t('annual-report.studentsYear'), numeric: true },
            { title: t('annual-report.placementsTotal'), numeric: true },
            { title: t('annual-report.studentsTotal'), numeric: true },
          ]}
          rows={[
            ...report.placements.byProvince.map((p) => ({
              key: p.code,
              cells: [t(`provinces.${p.code}`), n(p.countInYear), n(p.studentsInYear), n(p.count), n(p.students)],
            })),
            {
              key: 'total',
              total: true,
              cells: [
                t('annual-report.total'),
                n(report.placements.countInYear),
                n(report.placements.studentsInYear),
                n(report.placements.count),
                n(report.placements.students),
              ],
            },
          ]}
        />
        <DataTable
          caption={t('annual-report.projects')}
          columns={[
            t('annual-report.kind'),
            ...(['active', 'completed', 'cancelled'] as const).map((s) => ({ title: t(`annual-report.${s}`), numeric: true })),
            { title: t('annual-report.total'), numeric: true },
            { title: t('annual-report.started'), numeric: true },
            { title: t('annual-report.completedInYear'), numeric: true },
          ]}
          rows={[
            ...projectKinds.map((k) => {
              const p = projectOf(k);
              return {
                key: k,
                cells: [
                  t(`needs.kinds.${k}`),
                  n(p?.active ?? 0),
                  n(p?.completed ?? 0),
                  n(p?.cancelled ?? 0),
                  n(p?.count ?? 0),
                  n(p?.newInYear ?? 0),
                  n(p?.completedInYear ?? 0),
                ],
              };
            }),
            {
              key: 'total',
              total: true,
              cells: [
                t('annual-report.total'),
                projectSum((p) => p.active),
                projectSum((p) => p.completed),
                projectSum((p) => p.cancelled),
                n(report.projects.count),
                n(report.projects.newInYear),
                n(report.projects.completedInYear),
              ],
            },
          ]}
        />
      </Section>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={id}>
      <h2 id={id} className="report-section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Figures({ title, items }: { title: string; items: Array<[ReactNode, ReactNode]> }) {
  return (
    <div className="report-figure-group">
      <h3 className="report-subtitle">{title}</h3>
      <dl>
        {items.map(([label, value], i) => (
          <div key={i}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

type Column = string | { title: string; numeric?: boolean; wide?: boolean };
type Row = { key: string; cells: ReactNode[]; total?: boolean };

/** A plain table (it prints well): scrolls sideways in its own focusable region on narrow screens. */
function DataTable({ caption, columns, rows }: { caption: string; columns: Column[]; rows: Row[] }) {
  const { t } = useTranslation();
  const cols = columns.map((c) =>
    typeof c === 'string'
      ? { title: c, numeric: false, wide: false }
      : { title: c.title, numeric: c.numeric ?? false, wide: c.wide ?? false },
  );
  const classOf = (c: { numeric: boolean; wide: boolean }) => [c.numeric && 'num', c.wide && 'wide'].filter(Boolean).join(' ') || undefined;
  return (
    // a scrolling region takes focus so that it can be scrolled from the keyboard
    <div className="report-table-wrap" role="region" aria-label={t('annual-report.scroll', { name: caption })} tabIndex={0}>
      <table className="report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th key={i} scope="col" className={classOf(c)}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.total ? 'total' : undefined}>
              {r.cells.map((cell, i) => (
                <td key={i} className={cols[i] ? classOf(cols[i]) : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
