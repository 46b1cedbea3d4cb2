import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Grid, Progress, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { formatNumber, ragTone, type IndicatorRow } from './shared.tsx';

const IndicatorDrawer = lazy(() => import('./indicator-drawer.tsx'));
const NewIndicator = lazy(() => import('./new-indicator.tsx'));

/** /admin/monitoring: every indicator of the plan against its target, on a chosen day. */
export default function MonitoringPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('monitoring.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860 }}>{t('monitoring.intro')}</Typography.Paragraph>
      <Dashboard />
    </>
  );
}

function Dashboard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [day, setDay] = useState<string | undefined>(undefined);
  const [openId, setOpenId] = useState<string | null>(null);
  const [reportId, setReportId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const indicators = useQuery(trpc.monitoring.indicators.queryOptions({ day }));
  const snapshot = useMutation(
    trpc.monitoring.snapshot.mutationOptions({
      onSuccess: (r) =>
        void queryClient
          .invalidateQueries({ queryKey: trpc.monitoring.pathKey() })
          .then(() => message.success(t('monitoring.snapshotTaken', { day: r.day, count: r.indicators }))),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const rows = indicators.data ?? [];
  const counts = { green: 0, amber: 0, red: 0 };
  for (const r of rows) counts[r.rag] += 1;
  const year = Number((day ?? dayjs().format('YYYY-MM-DD')).slice(0, 4));
  const open = rows.find((r) => r.id === (openId ?? reportId));

  const valueCell = (r: IndicatorRow) => (
    <span data-testid={`value-${r.code}`}>
      <Typography.Text strong>{r.value === null ? t('monitoring.noValue') : formatNumber(r.value)}</Typography.Text>
      <Typography.Text type="secondary">
        {' / '}
        {r.targetNote || formatNumber(r.target)} {r.unit}
      </Typography.Text>
    </span>
  );
  const nameButton = (r: IndicatorRow) => (
    <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpenId(r.id)}>
      {r.name}
    </Button>
  );
  // a phone shows each indicator as one cell: name, value against target, status
  const phoneColumns: TableColumnsType<IndicatorRow> = [
    { title: t('monitoring.code'), dataIndex: 'code', width: 52 },
    {
      title: t('monitoring.name'),
      key: 'name',
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          {nameButton(r)}
          <Space size={8} wrap>
            {valueCell(r)}
            <ToneTag tone={ragTone[r.rag]}>{t(`monitoring.${r.rag}`)}</ToneTag>
            {r.source === 'reported' && (
              <Button size="small" onClick={() => setReportId(r.id)} aria-label={`${t('monitoring.reportValue')} ${r.code}`}>
                {t('monitoring.reportValue')}
              </Button>
            )}
          </Space>
        </Space>
      ),
    },
  ];
  const columns: TableColumnsType<IndicatorRow> = [
    { title: t('monitoring.code'), dataIndex: 'code', width: 64 },
    {
      title: t('monitoring.name'),
      key: 'name',
      render: (_, r) => nameButton(r),
    },
    { title: t('monitoring.value'), key: 'value', width: 150, render: (_, r) => valueCell(r) },
    {
      title: t('monitoring.progress'),
      key: 'progress',
      width: 150,
      responsive: ['md'],
      render: (_, r) => {
        const percent = r.value === null || r.target === 0 ? 0 : Math.min(100, Math.round((r.value / r.target) * 100));
        return (
          <Progress
            percent={percent}
            size="small"
            aria-label={`${r.code} ${t('monitoring.progress')} ${percent}%`}
            strokeColor={{ green: '#1e6b0a', amber: '#8a5a00', red: '#a8071a' }[r.rag]}
          />
        );
      },
    },
    { title: t('monitoring.expected'), key: 'expected', width: 80, responsive: ['lg'], render: (_, r) => formatNumber(r.expected) },
    {
      title: t('monitoring.status'),
      key: 'rag',
      width: 80,
      render: (_, r) => <ToneTag tone={ragTone[r.rag]}>{t(`monitoring.${r.rag}`)}</ToneTag>,
    },
    {
      title: t('monitoring.source'),
      key: 'source',
      width: 130,
      responsive: ['sm'],
      render: (_, r) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`monitoring.valueSources.${r.valueSource}`, { day: r.reportedOn ?? '' })}
        </Typography.Text>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 70,
      render: (_, r) =>
        r.source === 'reported' ? (
          <Button size="small" onClick={() => setReportId(r.id)} aria-label={`${t('monitoring.reportValue')} ${r.code}`}>
            {t('monitoring.reportValue')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="middle" style={{ width: '100%', justifyContent: 'space-between' }}>
          <Form layout="inline">
            <Form.Item label={t('monitoring.asOf')} htmlFor="monitoring-day" style={{ marginBottom: 0 }}>
              <DatePicker
                id="monitoring-day"
                value={day ? dayjs(day) : null}
                placeholder={t('monitoring.today')}
                allowClear
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : undefined)}
              />
            </Form.Item>
          </Form>
          <Space wrap aria-live="polite">
            {(['green', 'amber', 'red'] as const).map((k) => (
              <ToneTag key={k} tone={ragTone[k]}>
                {t('monitoring.ragCount', { label: t(`monitoring.${k}`), count: counts[k] })}
              </ToneTag>
            ))}
          </Space>
          <Space wrap>
            <Button loading={snapshot.isPending} onClick={() => snapshot.mutate()}>
              {t('monitoring.snapshot')}
            </Button>
            <Button onClick={() => setCreating(true)}>{t('monitoring.addIndicator')}</Button>
            <Button
              type="primary"
              href={`/admin/report/${year}`}
              onClick={(e) => {
                e.preventDefault();
                void navigate(`/admin/report/${year}`);
              }}
            >
              {t('monitoring.annualReport')}
            </Button>
          </Space>
        </Space>
      </Card>
      <QueryState query={indicators} rows={8}>
        <Table<IndicatorRow>
          rowKey="id"
          columns={screens.sm ? columns : phoneColumns}
          dataSource={rows}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
        />
      </QueryState>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12, maxWidth: 860 }}>
        {t('monitoring.ragRule')}
      </Typography.Paragraph>
      <Space wrap style={{ marginTop: 8 }}>
        <Link to="/admin/tasks">{t('monitoring.navTasks')}</Link>
        <Link to="/admin/supply-demand">{t('monitoring.navSupplyDemand')}</Link>
        <Link to="/admin/matrix">{t('monitoring.navMatrix')}</Link>
      </Space>
      <Suspense fallback={null}>
        {open && (
          <IndicatorDrawer
            indicator={open}
            startWithReport={reportId !== null}
            onClose={() => {
              setOpenId(null);
              setReportId(null);
            }}
          />
        )}
        {creating && <NewIndicator onClose={() => setCreating(false)} />}
      </Suspense>
    </>
  );
}
