import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Grid, Result, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Heading } from '../../components/heading.tsx';
import { flagColour, statusColour, statuses, flags, FlagTag, ProgressBar, type Task, type Status, type Flag } from './shared.tsx';
import { Timeline } from './task-timeline.tsx';
import { TaskForm } from './task-form.tsx';
import { TaskDrawer } from './task-drawer.tsx';

// /admin/tasks, 建设任务进度表: admins see, set and edit every task; managers of an owner organisation see
// theirs here too (the deadline reminders link to ?task=<id>) and report progress with evidence.

export default function PlanTasksPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const manages = me.memberships.some((m) => m.role === 'owner' || m.role === 'manager');
  const admin = me.isPlatformAdmin;
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('plan-tasks.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860 }}>{admin ? t('plan-tasks.intro') : t('plan-tasks.ownerIntro')}</Typography.Paragraph>
      {admin ? (
        <Tasks admin />
      ) : manages ? (
        <Tasks admin={false} />
      ) : (
        <Result status="info" title={t('plan-tasks.noTasksTitle')} subTitle={t('plan-tasks.noTasksBody')} />
      )}
    </>
  );
}

function Tasks({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<Status | ''>('');
  const [flag, setFlag] = useState<Flag | ''>('');
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const all = useQuery(trpc.planTasks.list.queryOptions({}, { enabled: admin }));
  const mine = useQuery(trpc.planTasks.mine.queryOptions(undefined, { enabled: !admin }));
  const query = admin ? all : mine;
  const rows = (query.data ?? []).filter((r) => (!status || r.status === status) && (!flag || r.flag === flag));
  const openId = params.get('task');
  const openTask = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('task', id);
        else p.delete('task');
        return p;
      },
      { replace: !id },
    );

  const columns: TableColumnsType<Task> = [
    {
      key: 'title',
      title: t('plan-tasks.colTitle'),
      width: 240,
      render: (_, r) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => openTask(r.id)}>
          {r.title}
        </Button>
      ),
    },
    { key: 'owner', title: t('plan-tasks.colOwner'), dataIndex: 'ownerName', width: 180 },
    { key: 'responsible', title: t('plan-tasks.colResponsible'), dataIndex: 'responsibleName', width: 100 },
    { key: 'deadline', title: t('plan-tasks.colDeadline'), dataIndex: 'deadline', width: 120 },
    {
      key: 'progress',
      title: t('plan-tasks.colProgress'),
      width: 150,
      render: (_, r) => (
        <ProgressBar value={r.progress} colour={flagColour[r.flag]} label={t('plan-tasks.progressOf', { title: r.title })} />
      ),
    },
    {
      key: 'status',
      title: t('plan-tasks.colStatus'),
      width: 100,
      render: (_, r) => <Tag color={statusColour[r.status]}>{t(`plan-tasks.statuses.${r.status}`)}</Tag>,
    },
    { key: 'flag', title: t('plan-tasks.colFlag'), width: 100, render: (_, r) => <FlagTag flag={r.flag} /> },
    ...(admin
      ? [
          {
            key: 'actions',
            title: t('plan-tasks.colActions'),
            width: 90,
            render: (_: unknown, r: Task) => (
              <Button size="small" aria-label={t('plan-tasks.editOf', { title: r.title })} onClick={() => setEditing(r)}>
                {t('plan-tasks.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Card
        title={<Heading>{t('plan-tasks.listTitle')}</Heading>}
        extra={
          admin && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('plan-tasks.add')}
            </Button>
          )
        }
        style={{ marginBottom: 16 }}
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16, alignItems: 'center' }}>
          <span>
            <label htmlFor="task-filter-status" style={{ marginInlineEnd: 8 }}>
              {t('plan-tasks.filterStatus')}
            </label>
            <Select<Status | ''>
              id="task-filter-status"
              value={status}
              onChange={setStatus}
              style={{ minWidth: 120 }}
              options={[
                { value: '', label: t('plan-tasks.all') },
                ...statuses.map((s) => ({ value: s, label: t(`plan-tasks.statuses.${s}`) })),
              ]}
            />
          </span>
          <span>
            <label htmlFor="task-filter-flag" style={{ marginInlineEnd: 8 }}>
              {t('plan-tasks.filterFlag')}
            </label>
            <Select<Flag | ''>
              id="task-filter-flag"
              value={flag}
              onChange={setFlag}
              style={{ minWidth: 120 }}
              options={[{ value: '', label: t('plan-tasks.all') }, ...flags.map((f) => ({ value: f, label: t(`plan-tasks.flags.${f}`) }))]}
            />
          </span>
          {query.data && <Typography.Text type="secondary">{t('plan-tasks.count', { count: rows.length })}</Typography.Text>}
        </div>
        <QueryState query={query}>
          <Table<Task>
            rowKey="id"
            columns={columns}
            dataSource={rows}
            size={compact ? 'small' : 'middle'}
            scroll={{ x: 1000 }}
            pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description={query.data?.length ? t('plan-tasks.emptyFiltered') : t('plan-tasks.empty')} /> }}
          />
        </QueryState>
      </Card>
      <Card title={<Heading>{t('plan-tasks.timelineTitle')}</Heading>} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('plan-tasks.timelineHint')}</Typography.Paragraph>
        {rows.length === 0 ? (
          <Empty description={query.data?.length ? t('plan-tasks.emptyFiltered') : t('plan-tasks.empty')} />
        ) : (
          <Timeline rows={rows} compact={compact} onOpen={openTask} />
        )}
      </Card>
      {admin && editing && <TaskForm task={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <TaskDrawer id={openId} onClose={() => openTask(null)} />
    </>
  );
}
