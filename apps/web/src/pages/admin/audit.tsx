import { useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Grid, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';

// Audit actions the server writes today, with their message keys; anything newer is shown as written.
const actionKeys = {
  'organization.create': 'orgCreate',
  'organization.verify': 'orgVerify',
  'organization.reject': 'orgReject',
  'organization.suspend': 'orgSuspend',
  'organization.update': 'orgUpdate',
  'organization.requestChange': 'orgRequestChange',
  'organization.approveChange': 'orgApproveChange',
  'organization.rejectChange': 'orgRejectChange',
  'member.invite': 'memberInvite',
  'member.revokeInvitation': 'memberRevokeInvitation',
  'member.join': 'memberJoin',
  'member.role': 'memberRole',
  'member.remove': 'memberRemove',
  'member.leave': 'memberLeave',
} as const;
type KnownAction = keyof typeof actionKeys;
const isKnown = (a: string): a is KnownAction => Object.hasOwn(actionKeys, a);
const knownEntities = ['organization', 'invitation', 'organization_member'];

/** Compact JSON for a before/after value; absent values become a dash. */
function json(value: unknown): string {
  if (value === null || value === undefined) return '—';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** /admin/audit: who did what and when, newest first. */
export default function AuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('review.audit')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('review.auditIntro')}</Typography.Paragraph>
      <AuditLog />
    </>
  );
}

function AuditLog() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const [action, setAction] = useState<string>('');
  const log = useInfiniteQuery(
    trpc.admin.auditLog.infiniteQueryOptions(
      { action: action || undefined, limit: 50 },
      { getNextPageParam: (p) => p.next ?? undefined, initialCursor: undefined },
    ),
  );
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  type Row = (typeof rows)[number];

  const actionLabel = (a: string) => (isKnown(a) ? t(`review.actionLabels.${actionKeys[a]}`) : a);
  const time = (r: Row) => dayjs(r.at).format('YYYY-MM-DD HH:mm');
  const actor = (r: Row) => r.actorName ?? t('review.system');
  const entity = (r: Row) => (
    <Space size={6} wrap>
      <span>{knownEntities.includes(r.entity) ? t(`review.entities.${r.entity}`) : r.entity}</span>
      {r.organizationId && <Link to={`/orgs/${r.organizationId}`}>{t('review.viewOrganization')}</Link>}
    </Space>
  );
  const change = (r: Row) => (
    <code
      style={{
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {json(r.before)} → {json(r.after)}
    </code>
  );

  const wide: TableColumnsType<Row> = [
    { title: t('review.time'), key: 'at', width: 150, render: (_, r) => time(r) },
    { title: t('review.actor'), key: 'actor', width: 120, render: (_, r) => actor(r) },
    { title: t('review.action'), key: 'action', width: 120, render: (_, r) => actionLabel(r.action) },
    { title: t('review.entity'), key: 'entity', width: 160, render: (_, r) => entity(r) },
    { title: t('review.change'), key: 'change', render: (_, r) => change(r) },
  ];
  // Phones get one column holding everything, so nothing scrolls sideways.
  const narrow: TableColumnsType<Row> = [
    {
      title: t('review.record'),
      key: 'all',
      render: (_, r) => (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text strong>
            {actionLabel(r.action)} · {actor(r)}
          </Typography.Text>
          <Typography.Text type="secondary">{time(r)}</Typography.Text>
          {entity(r)}
          {change(r)}
        </Space>
      ),
    },
  ];

  return (
    <Card styles={compact ? { body: { padding: 12 } } : undefined}>
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('review.filterAction')} htmlFor="audit-action" style={{ marginInlineEnd: 0 }}>
          <Select<string>
            id="audit-action"
            value={action}
            onChange={setAction}
            style={{ width: 220, maxWidth: '100%' }}
            options={[
              { value: '', label: t('review.allActions') },
              ...Object.keys(actionKeys).map((a) => ({ value: a, label: actionLabel(a) })),
            ]}
          />
        </Form.Item>
      </Form>
      <QueryState query={log}>
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={rows}
          columns={compact ? narrow : wide}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.noEntries')} /> }}
        />
        <Space style={{ marginTop: 12 }} wrap>
          <Typography.Text type="secondary">{t('review.loaded', { count: rows.length })}</Typography.Text>
          {log.hasNextPage && (
            <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
              {t('common.more')}
            </Button>
          )}
        </Space>
      </QueryState>
    </Card>
  );
}
