import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Grid, Input, InputNumber, List, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { applyFieldErrors, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { chinaDay } from '../cooperation/shared.tsx';

// /admin/tasks, 建设任务进度表: admins see, set and edit every task; managers of an owner organisation see
// theirs here too (the deadline reminders link to ?task=<id>) and report progress with evidence.

type Task = RouterOutputs['planTasks']['list'][number];
type Status = Task['status'];
type Flag = Task['flag'];
// kept here rather than imported from @ronghe/domain so the page does not pull zod into its chunk
const statuses: readonly Status[] = ['not_started', 'in_progress', 'done', 'cancelled'];
const flags: readonly Flag[] = ['overdue', 'at_risk', 'on_track', 'done', 'cancelled'];
// solid fills that carry white text at 4.5:1 or better: red overdue, orange at risk
const flagColour: Record<Flag, string> = { overdue: '#a8071a', at_risk: '#ad4e00', on_track: '#1f5fbf', done: '#1e6b0a', cancelled: '#595959' };
const statusColour: Record<Status, string> = { not_started: '#595959', in_progress: '#1f5fbf', done: '#1e6b0a', cancelled: '#595959' };
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');
const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: 18 }}>{text}</h2>;
const h3 = (text: string) => <h3 style={{ fontSize: 16, margin: '16px 0 8px' }}>{text}</h3>;

export default function PlanTasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const manages = (me.data?.memberships ?? []).some((m) => m.role === 'owner' || m.role === 'manager');
  const admin = me.data?.isPlatformAdmin === true;
  const login = `/login?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`;
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('plan-tasks.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860 }}>{admin || !me.data ? t('plan-tasks.intro') : t('plan-tasks.ownerIntro')}</Typography.Paragraph>
      {me.isPending || me.isError ? (
        <QueryState query={me}>{null}</QueryState>
      ) : !me.data ? (
        <Result
          status="info"
          title={t('plan-tasks.signInTitle')}
          subTitle={t('plan-tasks.signInBody')}
          extra={
            <Button
              type="primary"
              href={login}
              onClick={(e) => {
                e.preventDefault();
                void navigate(login);
              }}
            >
              {t('plan-tasks.signIn')}
            </Button>
          }
        />
      ) : admin ? (
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
    { key: 'progress', title: t('plan-tasks.colProgress'), width: 150, render: (_, r) => <ProgressBar value={r.progress} colour={flagColour[r.flag]} label={t('plan-tasks.progressOf', { title: r.title })} /> },
    { key: 'status', title: t('plan-tasks.colStatus'), width: 100, render: (_, r) => <Tag color={statusColour[r.status]}>{t(`plan-tasks.statuses.${r.status}`)}</Tag> },
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
        title={h2(t('plan-tasks.listTitle'))}
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
              options={[{ value: '', label: t('plan-tasks.all') }, ...statuses.map((s) => ({ value: s, label: t(`plan-tasks.statuses.${s}`) }))]}
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
      <Card title={h2(t('plan-tasks.timelineTitle'))} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('plan-tasks.timelineHint')}</Typography.Paragraph>
        {rows.length === 0 ? <Empty description={query.data?.length ? t('plan-tasks.emptyFiltered') : t('plan-tasks.empty')} /> : <Timeline rows={rows} compact={compact} onOpen={openTask} />}
      </Card>
      {admin && editing && <TaskForm task={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <TaskDrawer id={openId} onClose={() => openTask(null)} />
    </>
  );
}

function FlagTag({ flag }: { flag: Flag }) {
  const { t } = useTranslation();
  return <Tag color={flagColour[flag]}>{t(`plan-tasks.flags.${flag}`)}</Tag>;
}

function ProgressBar({ value, colour, label }: { value: number; colour: string; label: string }) {
  const v = Math.round(value);
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
      <div role="progressbar" aria-label={label} aria-valuenow={v} aria-valuemin={0} aria-valuemax={100} style={{ flex: 1, minWidth: 60, height: 8, borderRadius: 4, background: '#e8e8e8', overflow: 'hidden' }}>
        <div style={{ width: `${v}%`, height: '100%', background: colour }} />
      </div>
      <span style={{ minWidth: 36, textAlign: 'end' }}>{v}%</span>
    </div>
  );
}

const DAY_PX = 2.5;
const dayIndex = (from: Dayjs, day: string) => dayjs(day).diff(from, 'day');

/** A Gantt-like chart: one bar per task from its start to its deadline, the progress filled in, a line at today. */
function Timeline({ rows, compact, onOpen }: { rows: Task[]; compact: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const today = chinaDay(new Date());
  const nameWidth = compact ? 120 : 200;
  const { start, months, days } = useMemo(() => {
    const first = rows.reduce((m, r) => (r.startsOn < m ? r.startsOn : m), today);
    const last = rows.reduce((m, r) => (r.deadline > m ? r.deadline : m), today);
    const s = dayjs(first).startOf('month');
    // a month to spare after the last deadline, so the today line and its label fit
    const e = dayjs(last).add(2, 'month').startOf('month');
    const list: Dayjs[] = [];
    for (let m = s; m.isBefore(e); m = m.add(1, 'month')) list.push(m);
    return { start: s, months: list, days: e.diff(s, 'day') };
  }, [rows, today]);
  const width = days * DAY_PX;
  const todayX = nameWidth + dayIndex(start, today) * DAY_PX;
  const sticky: CSSProperties = { position: 'sticky', left: 0, zIndex: 2, background: '#fff', width: nameWidth, flex: `0 0 ${nameWidth}px`, paddingInlineEnd: 8, boxSizing: 'border-box' };

  return (
    <div role="region" aria-label={t('plan-tasks.timelineRegion')} tabIndex={0} style={{ overflowX: 'auto', border: '1px solid #f0f0f0', borderRadius: 6 }}>
      <div style={{ position: 'relative', width: nameWidth + width, minWidth: '100%' }}>
        <div style={{ display: 'flex', borderBottom: '1px solid #f0f0f0', height: 28 }} aria-hidden="true">
          <div style={sticky} />
          {months.map((m, i) => (
            <div key={m.format('YYYY-MM')} style={{ flex: `0 0 ${m.daysInMonth() * DAY_PX}px`, borderInlineStart: '1px solid #f0f0f0', fontSize: 12, lineHeight: '28px', paddingInlineStart: 4, whiteSpace: 'nowrap', overflow: 'hidden', color: '#595959' }}>
              {m.format(i === 0 || m.month() === 0 ? t('plan-tasks.yearMonth') : t('plan-tasks.month'))}
            </div>
          ))}
        </div>
        {rows.map((r) => {
          const left = dayIndex(start, r.startsOn) * DAY_PX;
          const barWidth = Math.max(6, (dayIndex(start, r.deadline) - dayIndex(start, r.startsOn) + 1) * DAY_PX);
          const label = t('plan-tasks.barLabel', { title: r.title, from: r.startsOn, to: r.deadline, progress: Math.round(r.progress), flag: t(`plan-tasks.flags.${r.flag}`) });
          return (
            <div key={r.id} style={{ display: 'flex', alignItems: 'center', height: 34, borderBottom: '1px solid #fafafa' }}>
              <div style={{ ...sticky, fontSize: 13, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={r.title} aria-hidden="true">
                {r.title}
              </div>
              <div style={{ position: 'relative', flex: `0 0 ${width}px`, height: '100%' }}>
                <button
                  type="button"
                  aria-label={label}
                  title={label}
                  onClick={() => onOpen(r.id)}
                  style={{ position: 'absolute', left, width: barWidth, top: 8, height: 18, padding: 0, border: `1px solid ${flagColour[r.flag]}`, borderRadius: 4, background: '#fff', cursor: 'pointer', overflow: 'hidden' }}
                >
                  <span style={{ display: 'block', width: `${Math.round(r.progress)}%`, height: '100%', background: flagColour[r.flag] }} />
                </button>
              </div>
            </div>
          );
        })}
        <div style={{ height: 22 }} />
        <div aria-hidden="true" style={{ position: 'absolute', top: 0, bottom: 0, left: todayX, width: 0, borderInlineStart: '2px dashed #a8071a', zIndex: 1 }}>
          <span style={{ position: 'absolute', bottom: 2, left: 4, fontSize: 12, lineHeight: '18px', color: '#a8071a', whiteSpace: 'nowrap' }}>{t('plan-tasks.today')}</span>
        </div>
      </div>
    </div>
  );
}

type FormValues = {
  title: string;
  description: string;
  ownerOrganizationId?: string;
  responsibleName: string;
  startsOn?: Dayjs;
  deadline?: Dayjs;
  expectedOutcome: string;
  indicatorIds: string[];
};

/** Create (task null) or edit a task: an admin's form in a modal. */
function TaskForm({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const orgs = useQuery(trpc.organizations.list.queryOptions({ q: q || undefined, limit: 20 }, { placeholderData: keepPreviousData }));
  const indicators = useQuery(trpc.monitoring.indicators.queryOptions());
  const orgOptions = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (task && !orgOptions.some((o) => o.value === task.ownerOrganizationId)) orgOptions.unshift({ value: task.ownerOrganizationId, label: task.ownerName });
  const indicatorOptions = (indicators.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }));

  const done = (text: string) => {
    onClose();
    void queryClient.invalidateQueries({ queryKey: trpc.planTasks.pathKey() }).then(() => message.success(text));
  };
  const onError = (e: unknown) => {
    // update's fields arrive as data.<field>
    const shifted = { message: messageOf(e), data: { fieldErrors: fieldErrorsOf(e).map((f) => ({ ...f, path: f.path.replace(/^data\./, '') })) } };
    if (!applyFieldErrors(form, shifted)) setFailure(messageOf(e));
  };
  const create = useMutation(trpc.planTasks.create.mutationOptions({ onSuccess: () => done(t('plan-tasks.created')), onError }));
  const update = useMutation(trpc.planTasks.update.mutationOptions({ onSuccess: () => done(t('plan-tasks.saved')), onError }));
  const submit = (v: FormValues) => {
    setFailure(null);
    const data = {
      title: v.title,
      description: v.description,
      ownerOrganizationId: v.ownerOrganizationId ?? '',
      responsibleName: v.responsibleName,
      startsOn: v.startsOn ? iso(v.startsOn) : '',
      deadline: v.deadline ? iso(v.deadline) : '',
      expectedOutcome: v.expectedOutcome,
      indicatorIds: v.indicatorIds,
    };
    if (task) update.mutate({ id: task.id, data });
    else create.mutate(data);
  };
  const required = (message: string) => [{ required: true, whitespace: true, min: 2, message }];

  return (
    <Modal
      open
      title={task ? t('plan-tasks.editTitle') : t('plan-tasks.createTitle')}
      okText={t('plan-tasks.save')}
      cancelText={t('plan-tasks.cancel')}
      okButtonProps={{ loading: create.isPending || update.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        name="plan-task"
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => setFailure(null)}
        initialValues={{
          title: task?.title ?? '',
          description: task?.description ?? '',
          ownerOrganizationId: task?.ownerOrganizationId,
          responsibleName: task?.responsibleName ?? '',
          startsOn: task ? dayjs(task.startsOn) : dayjs(chinaDay(new Date())),
          deadline: task ? dayjs(task.deadline) : undefined,
          expectedOutcome: task?.expectedOutcome ?? '',
          indicatorIds: task?.indicatorIds ?? [],
        }}
      >
        <Form.Item name="title" label={t('plan-tasks.fieldTitle')} rules={required(t('plan-tasks.titleRequired'))}>
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item name="ownerOrganizationId" label={t('plan-tasks.fieldOwner')} rules={[{ required: true, message: t('plan-tasks.ownerRequired') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('plan-tasks.ownerPlaceholder')}
            options={orgOptions}
            loading={orgs.isFetching}
            notFoundContent={orgs.isFetching ? null : t('common.noData')}
          />
        </Form.Item>
        <Form.Item name="responsibleName" label={t('plan-tasks.fieldResponsible')} rules={required(t('plan-tasks.responsibleRequired'))}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          <Form.Item name="startsOn" label={t('plan-tasks.fieldStartsOn')} rules={[{ required: true, message: t('plan-tasks.startsOnRequired') }]} style={{ flex: '1 1 200px' }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('plan-tasks.fieldDeadline')}
            dependencies={['startsOn']}
            style={{ flex: '1 1 200px' }}
            rules={[
              { required: true, message: t('plan-tasks.deadlineRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value?: Dayjs) => {
                  const from = getFieldValue('startsOn') as Dayjs | undefined;
                  return value && from && value.isBefore(from, 'day') ? Promise.reject(new Error(t('plan-tasks.deadlineBeforeStart'))) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="expectedOutcome" label={t('plan-tasks.fieldOutcome')} rules={required(t('plan-tasks.outcomeRequired'))}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="indicatorIds" label={t('plan-tasks.fieldIndicators')}>
          <Select mode="multiple" allowClear placeholder={t('plan-tasks.indicatorsPlaceholder')} options={indicatorOptions} loading={indicators.isPending} optionFilterProp="label" maxCount={16} />
        </Form.Item>
        <Form.Item name="description" label={t('plan-tasks.fieldDescription')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {failure && <Alert type="error" role="alert" showIcon title={t('plan-tasks.failed')} description={failure} />}
      </Form>
    </Modal>
  );
}

/** A task's facts, its progress updates (newest first) and, for those who may, a form to report progress. */
function TaskDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const detail = useQuery({ ...trpc.planTasks.get.queryOptions({ id: id ?? '' }), enabled: !!id });
  const task = detail.data;
  const closed = task?.status === 'done' || task?.status === 'cancelled';
  return (
    <Drawer open={!!id} onClose={onClose} size={compact ? '100%' : 560} title={h2(task?.title ?? t('plan-tasks.detailTitle'))} destroyOnHidden closable={{ 'aria-label': t('plan-tasks.close') }}>
      <QueryState query={detail}>
        {task && (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Tag color={statusColour[task.status]}>{t(`plan-tasks.statuses.${task.status}`)}</Tag>
              <FlagTag flag={task.flag} />
            </Space>
            <ProgressBar value={task.progress} colour={flagColour[task.flag]} label={t('plan-tasks.progressOf', { title: task.title })} />
            {h3(t('plan-tasks.facts'))}
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'owner', label: t('plan-tasks.colOwner'), children: task.ownerName },
                { key: 'responsible', label: t('plan-tasks.colResponsible'), children: task.responsibleName },
                { key: 'schedule', label: t('plan-tasks.schedule'), children: t('plan-tasks.scheduleValue', { from: task.startsOn, to: task.deadline }) },
                ...(task.completedOn ? [{ key: 'completedOn', label: t('plan-tasks.completedOn'), children: task.completedOn }] : []),
                { key: 'outcome', label: t('plan-tasks.fieldOutcome'), children: task.expectedOutcome },
                { key: 'indicators', label: t('plan-tasks.fieldIndicators'), children: task.indicatorCodes.length ? task.indicatorCodes.join('、') : t('plan-tasks.indicatorsNone') },
                ...(task.description ? [{ key: 'description', label: t('plan-tasks.fieldDescription'), children: task.description }] : []),
              ]}
            />
            {h3(t('plan-tasks.updates'))}
            {task.updates.length === 0 ? (
              <Empty description={t('plan-tasks.updatesEmpty')} />
            ) : (
              <List
                dataSource={task.updates}
                rowKey="id"
                renderItem={(u) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space wrap size={8}>
                        <Typography.Text strong>{t('plan-tasks.updateBy', { date: u.on, name: u.byName })}</Typography.Text>
                        <Tag color={statusColour[u.status]}>{t(`plan-tasks.statuses.${u.status}`)}</Tag>
                        <span>{Math.round(u.progress)}%</span>
                      </Space>
                      <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{u.note}</Typography.Paragraph>
                      {u.evidenceUrl && (
                        <a href={u.evidenceUrl} target="_blank" rel="noreferrer noopener">
                          {t('plan-tasks.evidence')}
                        </a>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            )}
            {h3(t('plan-tasks.addUpdate'))}
            {closed ? <Alert type="info" showIcon title={t('plan-tasks.closed')} /> : task.canUpdate ? <UpdateForm task={task} /> : <Alert type="info" showIcon title={t('plan-tasks.viewOnly')} />}
          </>
        )}
      </QueryState>
    </Drawer>
  );
}

type UpdateValues = { note: string; evidenceUrl: string; progress: number | null; status: Status };

function UpdateForm({ task }: { task: { id: string; progress: number; status: Status } }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const add = useMutation(
    trpc.planTasks.addUpdate.mutationOptions({
      onSuccess: () => {
        form.resetFields(['note', 'evidenceUrl']);
        void queryClient.invalidateQueries({ queryKey: trpc.planTasks.pathKey() }).then(() => message.success(t('plan-tasks.updated')));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) setFailure(messageOf(e));
      },
    }),
  );
  return (
    <Form<UpdateValues>
      form={form}
      name="plan-task-update"
      layout="vertical"
      initialValues={{ note: '', evidenceUrl: '', progress: Math.round(task.progress), status: task.status === 'not_started' ? 'in_progress' : task.status }}
      onValuesChange={() => setFailure(null)}
      onFinish={(v) => add.mutate({ taskId: task.id, note: v.note, evidenceUrl: v.evidenceUrl.trim(), progress: v.progress ?? Number.NaN, status: v.status })}
    >
      <Form.Item name="note" label={t('plan-tasks.fieldNote')} rules={[{ required: true, whitespace: true, min: 2, message: t('plan-tasks.noteRequired') }]}>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('plan-tasks.notePlaceholder')} />
      </Form.Item>
      <Form.Item name="evidenceUrl" label={t('plan-tasks.fieldEvidence')} rules={[{ pattern: /^(https?:\/\/\S+)?$/, message: t('plan-tasks.evidenceInvalid') }]}>
        <Input maxLength={500} inputMode="url" autoComplete="off" placeholder={t('plan-tasks.evidencePlaceholder')} />
      </Form.Item>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
        <Form.Item name="progress" label={t('plan-tasks.fieldProgress')} rules={[{ required: true, message: t('plan-tasks.progressRequired') }]} style={{ flex: '1 1 140px' }}>
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
        </Form.Item>
        <Form.Item name="status" label={t('plan-tasks.fieldStatus')} style={{ flex: '1 1 140px' }}>
          <Select options={statuses.map((s) => ({ value: s, label: t(`plan-tasks.statuses.${s}`) }))} />
        </Form.Item>
      </div>
      {failure && <Alert type="error" role="alert" showIcon title={t('plan-tasks.failed')} description={failure} style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('plan-tasks.submitUpdate')}
      </Button>
    </Form>
  );
}
