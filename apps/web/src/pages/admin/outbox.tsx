import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Grid, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { messageStatuses, type MessageStatus } from '@ronghe/domain/outbox';
import { Heading } from '../../components/heading.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';

type Row = RouterOutputs['admin']['outbox']['items'][number];

const statusTone: Record<MessageStatus, Tone> = { queued: 'blue', sending: 'blue', sent: 'green', held: 'gold', failed: 'red' };
const PAGE_SIZE = 20;

/** /admin/outbox: every email and text message, and what became of it (docs/decisions/022). */
export default function OutboxPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const compact = !Grid.useBreakpoint().md;
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const [page, setPage] = useState(1);
  const list = useQuery(trpc.admin.outbox.queryOptions({ status: status || undefined, page, pageSize: PAGE_SIZE }));
  const retry = useMutation(
    trpc.admin.retryMessage.mutationOptions({
      onSuccess: async () => {
        void message.success(t('outbox.retried'));
        await queryClient.invalidateQueries({ queryKey: trpc.admin.outbox.pathKey() });
      },
      onError: (error) => void message.error(error.message),
    }),
  );

  const known = (group: 'purposes', key: string) => t(`outbox.${group}.${key}`, { defaultValue: key });
  const statusTag = (r: Row) => <ToneTag tone={statusTone[r.status]}>{t(`outbox.statuses.${r.status}`)}</ToneTag>;
  const text = (r: Row) =>
    r.body === null ? (
      <Typography.Text type="secondary">{t('outbox.hidden')}</Typography.Text>
    ) : (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 0 }}>{r.body}</Typography.Paragraph>
    );
  const action = (r: Row) =>
    r.status === 'held' || r.status === 'failed' ? (
      <Button size="small" loading={retry.isPending && retry.variables.id === r.id} onClick={() => retry.mutate({ id: r.id })}>
        {t('outbox.retry')}
      </Button>
    ) : null;
  const error = (r: Row) =>
    r.lastError ? (
      <Typography.Text type="danger" style={{ overflowWrap: 'anywhere' }}>
        {r.lastError}
      </Typography.Text>
    ) : null;

  const wide: TableColumnsType<Row> = [
    { title: t('outbox.time'), key: 'time', width: 140, render: (_, r) => dayjs(r.createdAt).format('YYYY-MM-DD HH:mm') },
    { title: t('outbox.channel'), key: 'channel', width: 70, render: (_, r) => t(`outbox.channels.${r.channel}`) },
    { title: t('outbox.recipient'), dataIndex: 'recipient', width: 200 },
    { title: t('outbox.purpose'), key: 'purpose', width: 100, render: (_, r) => known('purposes', r.purpose) },
    {
      title: t('outbox.subject'),
      key: 'subject',
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          <Typography.Text strong>{r.subject}</Typography.Text>
          {text(r)}
          {error(r)}
        </Space>
      ),
    },
    { title: t('outbox.status'), key: 'status', width: 130, render: (_, r) => statusTag(r) },
    { title: t('outbox.attempts'), dataIndex: 'attempts', width: 90 },
    { title: '', key: 'action', width: 110, render: (_, r) => action(r) },
  ];
  // Phones get one column holding everything, so nothing scrolls sideways.
  const narrow: TableColumnsType<Row> = [
    {
      title: t('outbox.title'),
      key: 'all',
      render: (_, r) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Space wrap size={6}>
            {statusTag(r)}
            <Typography.Text>{t(`outbox.channels.${r.channel}`)}</Typography.Text>
            <Typography.Text type="secondary">{dayjs(r.createdAt).format('MM-DD HH:mm')}</Typography.Text>
          </Space>
          <Typography.Text style={{ wordBreak: 'break-all' }}>{r.recipient}</Typography.Text>
          <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
            {r.subject}
          </Typography.Text>
          {text(r)}
          {error(r)}
          {action(r)}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Heading level={1}>{t('outbox.title')}</Heading>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('outbox.intro')}</Typography.Paragraph>
      <Card styles={compact ? { body: { padding: 12 } } : undefined}>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label={t('outbox.filter')} htmlFor="outbox-status" style={{ marginInlineEnd: 0 }}>
            <Select
              id="outbox-status"
              style={{ width: 180 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={[
                { value: '', label: t('outbox.all') },
                ...messageStatuses.map((s) => ({ value: s, label: t(`outbox.statuses.${s}`) })),
              ]}
            />
          </Form.Item>
        </Form>
        <QueryState query={list}>
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={compact ? narrow : wide}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('outbox.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
              simple: compact,
            }}
          />
        </QueryState>
      </Card>
    </>
  );
}
