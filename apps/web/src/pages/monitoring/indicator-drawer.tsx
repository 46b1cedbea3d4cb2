import { lazy, Suspense, useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { formatNumber, ragTone, type IndicatorRow } from './shared.tsx';

const TrendChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.TrendChart })));
const BarsChart = lazy(() => import('./charts.tsx').then((m) => ({ default: m.BarsChart })));

/** One indicator: what it counts, its schedule, trend, breakdown by region, and its reports. */
export default function IndicatorDrawer({
  indicator,
  startWithReport,
  onClose,
}: {
  indicator: IndicatorRow;
  startWithReport: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const r = indicator;
  return (
    <Drawer open onClose={onClose} size={screens.md ? 720 : '100%'} title={`${r.code} ${r.name}`} destroyOnHidden>
      {r.source === 'reported' && startWithReport && <ReportForm indicator={r} />}
      <Card
        title={<Heading>{`${formatNumber(r.value)} / ${r.targetNote || formatNumber(r.target)} ${r.unit}`}</Heading>}
        extra={<ToneTag tone={ragTone[r.rag]}>{t(`monitoring.${r.rag}`)}</ToneTag>}
        style={{ marginBottom: 16 }}
      >
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'definition', label: t('monitoring.definition'), children: r.definition || '—' },
            { key: 'wording', label: t('monitoring.wording'), children: r.wording || '—' },
            {
              key: 'schedule',
              label: t('monitoring.schedule'),
              children: t('monitoring.scheduleText', {
                from: r.startsOn,
                to: r.dueOn,
                target: formatNumber(r.target),
                unit: r.unit,
                baseline: formatNumber(r.baseline),
              }),
            },
            {
              key: 'milestones',
              label: t('monitoring.milestones'),
              children: Object.keys(r.milestones).length
                ? Object.entries(r.milestones)
                    .map(([y, v]) => `${y}: ${v}`)
                    .join('；')
                : t('monitoring.noMilestones'),
            },
            { key: 'expected', label: t('monitoring.expected'), children: formatNumber(r.expected) },
            {
              key: 'source',
              label: t('monitoring.source'),
              children: `${t(`monitoring.sources.${r.source}`)} · ${t(`monitoring.valueSources.${r.valueSource}`, { day: r.reportedOn ?? '' })}`,
            },
          ]}
        />
      </Card>
      <Trend indicator={r} />
      {r.source === 'computed' ? <Breakdown indicator={r} /> : <Reports indicator={r} />}
      {r.source === 'reported' && !startWithReport && <ReportForm indicator={r} />}
      <ScheduleForm indicator={r} />
      {!r.isPlan && <Retire indicator={r} onDone={onClose} />}
    </Drawer>
  );
}

function Trend({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const trend = useQuery(trpc.monitoring.trend.queryOptions({ id: indicator.id }));
  return (
    <Card title={<Heading>{t('monitoring.trend')}</Heading>} style={{ marginBottom: 16 }}>
      <QueryState query={trend} rows={4}>
        {trend.data && trend.data.points.length > 0 ? (
          <Suspense fallback={null}>
            <TrendChart
              points={trend.data.points}
              expected={trend.data.expected}
              labels={{ actual: t('monitoring.actual'), expected: t('monitoring.expectedLine') }}
              label={`${indicator.code} ${t('monitoring.trend')}: ${trend.data.points
                .map((p) => `${p.day} ${formatNumber(p.value)}`)
                .slice(-6)
                .join('，')}`}
            />
          </Suspense>
        ) : (
          <Typography.Text type="secondary">{t('monitoring.trendEmpty')}</Typography.Text>
        )}
      </QueryState>
    </Card>
  );
}

function Breakdown({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const breakdown = useQuery(trpc.monitoring.breakdown.queryOptions({ id: indicator.id }));
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const names = useMemo(() => new Map((regions.data ?? []).map((r) => [r.code, r.name])), [regions.data]);
  const byRegion = (breakdown.data?.byRegion ?? []).map((r) => ({ name: names.get(r.code) ?? r.code, value: r.value }));
  const byProvince = (breakdown.data?.byProvince ?? []).map((p) => ({ key: p.code, name: t(`provinces.${p.code}`), value: p.value }));
  return (
    <Card title={<Heading>{t('monitoring.byProvince')}</Heading>} style={{ marginBottom: 16 }}>
      <QueryState query={breakdown} rows={3}>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={byProvince}
          columns={[
            { title: t('monitoring.region'), dataIndex: 'name' },
            { title: t('monitoring.value'), dataIndex: 'value', align: 'right' },
          ]}
          style={{ marginBottom: 16 }}
        />
        <Typography.Title level={3} style={{ fontSize: 14 }}>
          {t('monitoring.byRegion')}
        </Typography.Title>
        {byRegion.length > 0 ? (
          <Suspense fallback={null}>
            <BarsChart
              rows={byRegion}
              label={`${t('monitoring.byRegion')}: ${byRegion
                .slice(0, 8)
                .map((r) => `${r.name} ${r.value}`)
                .join('，')}`}
            />
          </Suspense>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </QueryState>
    </Card>
  );
}

function Reports({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const reports = useQuery(trpc.monitoring.reports.queryOptions({ id: indicator.id }));
  return (
    <Card title={<Heading>{t('monitoring.reports')}</Heading>} style={{ marginBottom: 16 }}>
      <QueryState query={reports} rows={3}>
        <List
          size="small"
          dataSource={reports.data ?? []}
          locale={{ emptyText: t('monitoring.reportsEmpty') }}
          renderItem={(r) => (
            <List.Item key={r.id}>
              <List.Item.Meta
                title={`${r.asOf} · ${formatNumber(r.value)} ${indicator.unit}`}
                description={
                  <>
                    <div>{r.evidenceText}</div>
                    {r.evidenceUrl && (
                      <a href={r.evidenceUrl} target="_blank" rel="noreferrer noopener">
                        {r.evidenceUrl}
                      </a>
                    )}
                    <div>
                      {t('monitoring.reportedBy')}：{r.reportedByName || '—'}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </QueryState>
    </Card>
  );
}

type ReportValues = { value: number | null; asOf: Dayjs; evidenceText: string; evidenceUrl: string };

function ReportForm({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const report = useMutation(
    trpc.monitoring.report.mutationOptions({
      onSuccess: (_, input) => {
        form.resetFields();
        void queryClient
          .invalidateQueries({ queryKey: trpc.monitoring.pathKey() })
          .then(() => message.success(t('monitoring.reported', { code: indicator.code, value: input.value })));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) void message.error(messageOf(e));
      },
    }),
  );
  return (
    <Card
      title={<Heading>{t('monitoring.reportTitle', { code: indicator.code, name: indicator.name })}</Heading>}
      style={{ marginBottom: 16 }}
    >
      <Form<ReportValues>
        name="indicator-report"
        form={form}
        layout="vertical"
        initialValues={{ value: null, asOf: dayjs(), evidenceText: '', evidenceUrl: '' }}
        onFinish={(v) =>
          report.mutate({
            indicatorId: indicator.id,
            value: v.value ?? Number.NaN,
            asOf: v.asOf.format('YYYY-MM-DD'),
            evidenceText: v.evidenceText,
            evidenceUrl: v.evidenceUrl.trim(),
          })
        }
      >
        <Space wrap align="start">
          <Form.Item
            name="value"
            label={`${t('monitoring.reportValueLabel')}（${indicator.unit}）`}
            rules={[{ required: true, message: t('monitoring.reportValueLabel') }]}
          >
            <InputNumber min={0} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="asOf" label={t('monitoring.reportAsOf')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Space>
        <Form.Item name="evidenceText" label={t('monitoring.evidenceText')} extra={t('monitoring.evidenceTextHelp')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="evidenceUrl" label={t('monitoring.evidenceUrl')}>
          <Input inputMode="url" maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={report.isPending}>
          {t('monitoring.submitReport')}
        </Button>
      </Form>
    </Card>
  );
}

type ScheduleValues = { baseline: number; m2025: number | null; m2026: number | null };

function ScheduleForm({ indicator }: { indicator: IndicatorRow }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation(
    trpc.monitoring.setSchedule.mutationOptions({
      onSuccess: () =>
        void queryClient
          .invalidateQueries({ queryKey: trpc.monitoring.pathKey() })
          .then(() => message.success(t('monitoring.scheduleSaved'))),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const orUndefined = (v: number | null) => (v === null ? undefined : v);
  return (
    <Card title={<Heading>{t('monitoring.editSchedule')}</Heading>} style={{ marginBottom: 16 }}>
      <Form<ScheduleValues>
        name="indicator-schedule"
        layout="vertical"
        initialValues={{
          baseline: indicator.baseline,
          m2025: indicator.milestones[2025] ?? null,
          m2026: indicator.milestones[2026] ?? null,
        }}
        onFinish={(v) =>
          save.mutate({ id: indicator.id, baseline: v.baseline, milestones: { 2025: orUndefined(v.m2025), 2026: orUndefined(v.m2026) } })
        }
      >
        <Space wrap align="end">
          <Form.Item name="baseline" label={t('monitoring.baseline')} rules={[{ required: true }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="m2025" label={t('monitoring.milestone2025')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="m2026" label={t('monitoring.milestone2026')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" loading={save.isPending}>
              {t('monitoring.saveSchedule')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}

function Retire({ indicator, onDone }: { indicator: IndicatorRow; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const archive = useMutation(
    trpc.monitoring.archive.mutationOptions({
      onSuccess: () => {
        onDone();
        void queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() }).then(() => message.success(t('monitoring.archived')));
      },
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  return (
    <Popconfirm title={t('monitoring.archiveConfirm')} onConfirm={() => archive.mutate({ id: indicator.id })}>
      <Button danger loading={archive.isPending}>
        {t('monitoring.archive')}
      </Button>
    </Popconfirm>
  );
}
