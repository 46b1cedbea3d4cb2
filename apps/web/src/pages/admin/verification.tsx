import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Grid, Input, Modal, Popconfirm, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { organizationStatuses, type OrganizationStatus } from '@ronghe/domain/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { AdminOnly } from '../../components/admin-only.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';

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
      <AdminOnly next="/admin/verification">
        <Queue />
      </AdminOnly>
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
  const rows = (queue.data ?? []).filter((r) => !needle || [r.name, r.uscc, r.schoolCode, r.regionName].some((v) => v?.toLowerCase().includes(needle)));

  // the public directory and organisation pages show the status too
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.admin.queue.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.organizations.pathKey() })]);
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
  const name = (r: Row) => <Link to={`/orgs/${r.id}`}>{r.name}</Link>;
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
    { title: t('review.submittedAt'), key: 'createdAt', width: 150, render: (_, r) => submitted(r) },
    ...(status === 'rejected' || status === 'suspended' ? [{ title: t('review.reason'), key: 'reason', render: (_: unknown, r: Row) => r.statusReason ?? '—' }] : []),
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
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={needle ? t('review.noMatch') : t(`review.empty.${status}`)} /> }}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {needle ? t('review.matching', { count: rows.length, total: queue.data?.length ?? 0 }) : t('review.shown', { count: queue.data?.length ?? 0 })}
          {(queue.data?.length ?? 0) >= QUEUE_LIMIT && ` ${t('review.limitHint', { count: QUEUE_LIMIT })}`}
        </Typography.Paragraph>
      </QueryState>
      <ReasonModal deciding={deciding} onClose={() => setDeciding(null)} onDecided={refresh} />
    </Card>
  );
}

/** Asks why before rejecting or suspending; the server's reason errors land under the field. */
function ReasonModal({ deciding, onClose, onDecided }: { deciding: { decision: Decision; target: Target } | null; onClose: () => void; onDecided: () => unknown }) {
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
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t(decision === 'reject' ? 'review.rejectPlaceholder' : 'review.suspendPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
