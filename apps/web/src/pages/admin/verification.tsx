import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Form, Grid, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { organizationStatuses, type OrganizationStatus } from '@ronghe/domain/constants/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { VouchedChange } from '../organizations/vouched-change.tsx';

/** The queue holds at most this many per status; the overview asks for the same, so they share one cache entry. */
export const QUEUE_LIMIT = 200;

const tabKeys: readonly string[] = organizationStatuses;
const isStatus = (s: string | null): s is OrganizationStatus => s !== null && tabKeys.includes(s);

/** /admin/verification: the commission decides on organisations, one status per tab. */
export default function VerificationPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('review.queue')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('review.queueIntro')}</Typography.Paragraph>
      <Queue />
      <ChangeRequests />
    </>
  );
}

type Decision = 'reject' | 'suspend';
type Target = { id: string; name: string };

function Queue() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const compact = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const tab = params.get('status');
  const status: OrganizationStatus = isStatus(tab) ? tab : 'pending';
  const queue = useQuery(trpc.admin.queue.queryOptions({ status, limit: QUEUE_LIMIT }));
  const verify = useMutation(trpc.admin.verify.mutationOptions());
  const [deciding, setDeciding] = useState<{ decision: Decision; target: Target } | null>(null);
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const rows = (queue.data ?? []).filter(
    (r) => !needle || [r.name, r.uscc, r.schoolCode, r.regionName].some((v) => v?.toLowerCase().includes(needle)),
  );

  // the public directory and organisation pages show the status too
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.queue.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.organizations.pathKey() }),
    ]);
  const onVerify = (target: Target) =>
    verify.mutate(
      { id: target.id },
      {
        onSuccess: () => void message.success(t('review.verified', { name: target.name })),
        // e.g. another admin decided first: the server says so, and the list catches up
        onError: (error) => void message.error(messageOf(error)),
        onSettled: () => void refresh(),
      },
    );

  type Row = NonNullable<typeof queue.data>[number];
  const code = (r: Row) => (r.uscc ? `${t('review.uscc')} ${r.uscc}` : r.schoolCode ? `${t('review.schoolCode')} ${r.schoolCode}` : '—');
  const region = (r: Row) => `${t(`provinces.${r.provinceCode}`, { defaultValue: '' })} · ${r.regionName}`.replace(/^ · /, '');
  const submitted = (r: Row) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm');
  const name = (r: Row) => (
    <Space size={6} wrap>
      <Link to={`/orgs/${r.id}`}>{r.name}</Link>
      {r.competing.length > 0 && <Tag color="orange">{t('review.competing', { count: r.competing.length })}</Tag>}
    </Space>
  );
  const registrant = (r: { registeredBy: Row['registeredBy'] }) =>
    r.registeredBy ? `${r.registeredBy.name}（${r.registeredBy.identifier}）` : '—';
  const reason = (r: Row) =>
    r.statusReason ? (
      <Typography.Text>
        {t('review.reason')}：{r.statusReason}
      </Typography.Text>
    ) : null;
  const actions = (r: Row) => (
    <Space wrap size={8}>
      {status !== 'verified' && (
        <Popconfirm
          title={t('review.verifyConfirm', { name: r.name })}
          description={t('review.verifyConfirmHint')}
          okText={status === 'pending' ? t('review.verify') : t('review.reverify')}
          cancelText={t('review.cancel')}
          onConfirm={() => onVerify(r)}
        >
          <Button type="primary" size="small" loading={verify.isPending && verify.variables.id === r.id}>
            {status === 'pending' ? t('review.verify') : t('review.reverify')}
          </Button>
        </Popconfirm>
      )}
      {status === 'pending' && (
        <Button danger size="small" onClick={() => setDeciding({ decision: 'reject', target: r })}>
          {t('review.reject')}
        </Button>
      )}
      {status === 'verified' && (
        <Button danger size="small" onClick={() => setDeciding({ decision: 'suspend', target: r })}>
          {t('review.suspend')}
        </Button>
      )}
    </Space>
  );

  const wide: TableColumnsType<Row> = [
    { title: t('review.name'), key: 'name', render: (_, r) => name(r) },
    { title: t('review.kind'), key: 'kind', width: 90, render: (_, r) => <ToneTag tone="blue">{t(`kinds.${r.kind}`)}</ToneTag> },
    { title: t('review.code'), key: 'code', render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{code(r)}</span> },
    { title: t('review.region'), key: 'region', render: (_, r) => region(r) },
    {
      title: t('review.registeredBy'),
      key: 'registeredBy',
      render: (_, r) =>
        r.registeredBy ? (
          <>
            {r.registeredBy.name}
            <br />
            <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
              {r.registeredBy.identifier}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    { title: t('review.submittedAt'), key: 'createdAt', width: 150, render: (_, r) => submitted(r) },
    ...(status === 'rejected' || status === 'suspended'
      ? [{ title: t('review.reason'), key: 'reason', render: (_: unknown, r: Row) => r.statusReason ?? '—' }]
      : []),
    { title: t('review.actions'), key: 'actions', width: 170, render: (_, r) => actions(r) },
  ];
  // Phones get one column holding everything, so nothing scrolls sideways.
  const narrow: TableColumnsType<Row> = [
    {
      title: t('review.organization'),
      key: 'all',
      render: (_, r) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space size={6} wrap>
            {name(r)}
            <ToneTag tone="blue">{t(`kinds.${r.kind}`)}</ToneTag>
          </Space>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
            {code(r)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {region(r)} · {submitted(r)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
            {t('review.registeredBy')}：{registrant(r)}
          </Typography.Text>
          {reason(r)}
          {actions(r)}
        </Space>
      ),
    },
  ];

  return (
    <Card styles={compact ? { body: { padding: 12 } } : undefined}>
      <Tabs
        activeKey={status}
        // on phones the four tabs must fit, or antd adds an overflow button that breaks the tablist's roles
        size={compact ? 'small' : 'middle'}
        tabBarGutter={compact ? 16 : undefined}
        onChange={(key) => setParams(key === 'pending' ? {} : { status: key }, { replace: true })}
        items={organizationStatuses.map((s) => ({ key: s, label: t(`statuses.${s}`) }))}
      />
      <Input
        allowClear
        type="search"
        aria-label={t('review.filter')}
        placeholder={t('review.filterPlaceholder')}
        onChange={(e) => setFilter(e.target.value)}
        style={{ width: 320, maxWidth: '100%', marginBottom: 16 }}
      />
      <QueryState query={queue}>
        <Table
          rowKey="id"
          size="middle"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, simple: compact }}
          dataSource={rows}
          columns={compact ? narrow : wide}
          expandable={{ expandedRowRender: (r) => <Claims row={r} /> }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={needle ? t('review.noMatch') : t(`review.empty.${status}`)} />
            ),
          }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {needle
            ? t('review.matching', { count: rows.length, total: queue.data?.length ?? 0 })
            : t('review.shown', { count: queue.data?.length ?? 0 })}
          {(queue.data?.length ?? 0) >= QUEUE_LIMIT && ` ${t('review.limitHint', { count: QUEUE_LIMIT })}`}
        </Typography.Paragraph>
      </QueryState>
      <ReasonModal deciding={deciding} onClose={() => setDeciding(null)} onDecided={refresh} />
    </Card>
  );
}

/** Asks why before rejecting or suspending; the server's reason errors land under the field. */
function ReasonModal({
  deciding,
  onClose,
  onDecided,
}: {
  deciding: { decision: Decision; target: Target } | null;
  onClose: () => void;
  onDecided: () => unknown;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useMutation(trpc.admin.reject.mutationOptions());
  const suspend = useMutation(trpc.admin.suspend.mutationOptions());
  const decision = deciding?.decision ?? 'reject';
  const mutation = decision === 'reject' ? reject : suspend;

  const submit = async ({ reason }: { reason: string }) => {
    if (!deciding) return;
    const { target } = deciding;
    try {
      await mutation.mutateAsync({ id: target.id, reason });
      void message.success(t(decision === 'reject' ? 'review.rejected' : 'review.suspended', { name: target.name }));
      onClose();
    } catch (error) {
      if (applyFieldErrors(form, error)) return;
      // not about the reason (e.g. another admin decided first): say so and let the list catch up
      void message.error(messageOf(error));
      onClose();
    }
    void onDecided();
  };

  return (
    <Modal
      open={deciding !== null}
      title={t(decision === 'reject' ? 'review.rejectTitle' : 'review.suspendTitle', { name: deciding?.target.name ?? '' })}
      okText={t(decision === 'reject' ? 'review.reject' : 'review.suspend')}
      cancelText={t('review.cancel')}
      okButtonProps={{ danger: true, loading: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(decision === 'reject' ? 'review.rejectHint' : 'review.suspendHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={(v) => void submit(v)} clearOnDestroy>
        <Form.Item
          name="reason"
          label={t(decision === 'reject' ? 'review.rejectReason' : 'review.suspendReason')}
          rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}
        >
          <Input.TextArea
            rows={4}
            maxLength={500}
            showCount
            placeholder={t(decision === 'reject' ? 'review.rejectPlaceholder' : 'review.suspendPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type QueueRow = {
  id: string;
  name: string;
  status: OrganizationStatus;
  regionName: string;
  address: string;
  description: string;
  registeredBy: { name: string; identifier: string } | null;
  createdAt: Date;
  statusReason: string | null;
};

/** A registration's evidence, and every competing claim to its code beside it, so the admin compares them before deciding. */
function Claims({ row }: { row: QueueRow & { contactName: string; contactPhone: string; competing: QueueRow[] } }) {
  const { t } = useTranslation();
  const claims = [row, ...row.competing];
  const card = (c: QueueRow, first: boolean) => (
    <Card
      key={c.id}
      size="small"
      title={first ? `${t('review.thisClaim')}：${c.name}` : <Link to={`/orgs/${c.id}`}>{c.name}</Link>}
      style={{ flex: '1 1 280px', minWidth: 0 }}
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'status', label: t('review.status'), children: t(`statuses.${c.status}`) },
          {
            key: 'by',
            label: t('review.registeredBy'),
            children: (
              <span style={{ overflowWrap: 'anywhere' }}>
                {c.registeredBy ? `${c.registeredBy.name}（${c.registeredBy.identifier}）` : '—'}
              </span>
            ),
          },
          { key: 'at', label: t('review.submittedAt'), children: dayjs(c.createdAt).format('YYYY-MM-DD HH:mm') },
          { key: 'region', label: t('review.region'), children: c.regionName },
          { key: 'address', label: t('review.address'), children: c.address || '—' },
          {
            key: 'evidence',
            label: t('review.evidence'),
            children: c.description ? (
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.description}</span>
            ) : (
              <Typography.Text type="secondary">{t('review.noEvidence')}</Typography.Text>
            ),
          },
          ...(c.statusReason ? [{ key: 'reason', label: t('review.reason'), children: c.statusReason }] : []),
        ]}
      />
    </Card>
  );
  return (
    <>
      {row.competing.length > 0 && (
        <Typography.Paragraph>
          <Typography.Text strong>{t('review.competingTitle')}</Typography.Text>{' '}
          <Typography.Text type="secondary">{t('review.competingHint')}</Typography.Text>
        </Typography.Paragraph>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>{claims.map((c, i) => card(c, i === 0))}</div>
      {(row.contactName || row.contactPhone) && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('review.contact')}：{[row.contactName, row.contactPhone].filter(Boolean).join(' ')}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** Changes verified organisations asked for to what verification vouched for; they apply only when approved here. */
function ChangeRequests() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const requests = useQuery(trpc.admin.changeRequests.queryOptions({ status: 'pending' }));
  const approve = useMutation(trpc.admin.approveChange.mutationOptions());
  const reject = useMutation(trpc.admin.rejectChange.mutationOptions());
  const [rejecting, setRejecting] = useState<{ id: string; name: string } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.admin.changeRequests.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.organizations.pathKey() }),
    ]);
  type Row = NonNullable<typeof requests.data>[number];

  const onApprove = (r: Row) =>
    approve.mutate(
      { id: r.id },
      {
        onSuccess: () => void message.success(t('review.changeApproved', { name: r.organizationName })),
        onError: (error) => void message.error(messageOf(error)),
        onSettled: () => void refresh(),
      },
    );
  const onReject = async ({ reason }: { reason: string }) => {
    if (!rejecting) return;
    try {
      await reject.mutateAsync({ id: rejecting.id, reason });
      void message.success(t('review.changeRejected', { name: rejecting.name }));
      setRejecting(null);
    } catch (error) {
      if (applyFieldErrors(form, error)) return;
      void message.error(messageOf(error));
      setRejecting(null);
    }
    void refresh();
  };

  return (
    <Card title={t('review.changes')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('review.changesIntro')}</Typography.Paragraph>
      <QueryState query={requests}>
        <Table<Row>
          rowKey="id"
          size="middle"
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          dataSource={requests.data}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.changesEmpty')} /> }}
          columns={[
            {
              title: t('review.organization'),
              key: 'org',
              render: (_, r) => (
                <Space orientation="vertical" size={2}>
                  <Link to={`/orgs/${r.organizationId}`}>{r.organizationName}</Link>
                  <Typography.Text type="secondary">
                    {t('review.requestedBy')}：{r.requestedByName ?? '—'} · {dayjs(r.createdAt).format('YYYY-MM-DD HH:mm')}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('review.change'), key: 'change', render: (_, r) => <VouchedChange before={r.before} after={r.after} /> },
            {
              title: t('review.actions'),
              key: 'actions',
              width: 190,
              render: (_, r) => (
                <Space wrap size={8}>
                  <Popconfirm
                    title={t('review.approveConfirm', { name: r.organizationName })}
                    okText={t('review.approve')}
                    cancelText={t('review.cancel')}
                    onConfirm={() => onApprove(r)}
                  >
                    <Button type="primary" size="small" loading={approve.isPending && approve.variables.id === r.id}>
                      {t('review.approve')}
                    </Button>
                  </Popconfirm>
                  <Button danger size="small" onClick={() => setRejecting({ id: r.id, name: r.organizationName })}>
                    {t('review.rejectChange')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <Modal
        open={rejecting !== null}
        title={t('review.rejectChangeTitle', { name: rejecting?.name ?? '' })}
        okText={t('review.rejectChange')}
        cancelText={t('review.cancel')}
        okButtonProps={{ danger: true, loading: reject.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setRejecting(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('review.rejectChangeHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={(v) => void onReject(v)} clearOnDestroy>
          <Form.Item
            name="reason"
            label={t('review.rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
