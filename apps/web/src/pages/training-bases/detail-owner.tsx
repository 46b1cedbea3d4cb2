import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Skeleton, Space, Statistic, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Heading } from '../../components/heading.tsx';
import { BookingList } from './booking-tables.tsx';
import { addDays, todayInChina, useRefreshBookings, type BaseDetail } from './shared.tsx';

/** For managers of the owner: edit, publish or unpublish, the requests waiting, and how much the base is used. */
export function OwnerTools({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefreshBookings();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: (r: { status: string }) => {
      setError(null);
      void refresh().then(() =>
        message.success(t(r.status === 'published' ? 'base-detail.publishedMessage' : 'base-detail.unpublishedMessage')),
      );
    },
    onError: (e: unknown) => setError(messageOf(e)),
  };
  const publish = useMutation(trpc.trainingBases.publish.mutationOptions(options));
  const unpublish = useMutation(trpc.trainingBases.unpublish.mutationOptions(options));

  return (
    <Card title={<Heading>{t('base-detail.ownerTools')}</Heading>} style={{ marginBottom: 16 }}>
      <Space wrap size={[8, 8]}>
        <Button
          href={`/bases/${b.id}/edit`}
          onClick={(e) => {
            e.preventDefault();
            void navigate(`/bases/${b.id}/edit`);
          }}
        >
          {t('base-detail.edit')}
        </Button>
        {b.status === 'published' ? (
          <Popconfirm
            title={t('base-detail.unpublishConfirm')}
            onConfirm={() => unpublish.mutateAsync({ id: b.id }).catch(() => undefined)}
          >
            <Button loading={unpublish.isPending}>{t('base-detail.unpublish')}</Button>
          </Popconfirm>
        ) : (
          <Popconfirm title={t('base-detail.publishConfirm')} onConfirm={() => publish.mutateAsync({ id: b.id }).catch(() => undefined)}>
            <Button type="primary" loading={publish.isPending}>
              {t('base-detail.publish')}
            </Button>
          </Popconfirm>
        )}
        <Link to="/bases/bookings">{t('base-detail.allBookings')}</Link>
      </Space>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      <PendingRequests b={b} />
      <Usage b={b} />
    </Card>
  );
}

function PendingRequests({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const incoming = useQuery(
    trpc.baseBookings.incoming.queryOptions({ organizationId: b.ownerOrganizationId, baseId: b.id, statuses: ['requested'] }),
  );
  return (
    <section aria-label={t('base-detail.pendingRequests')}>
      <Heading level={3}>{t('base-detail.pendingRequests')}</Heading>
      <QueryState query={incoming} rows={2}>
        {incoming.data?.length === 0 ? (
          <Typography.Text type="secondary">{t('base-detail.noPendingRequests')}</Typography.Text>
        ) : (
          <BookingList rows={incoming.data ?? []} side="incoming" canAct showBase={false} />
        )}
      </QueryState>
    </section>
  );
}

/** Station-days used / offered over the last and next 30 days (owner's members and admins). */
export function Usage({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const today = todayInChina();
  const past = useQuery(trpc.trainingBases.usage.queryOptions({ id: b.id, from: addDays(today, -29), to: today }));
  const next = useQuery(trpc.trainingBases.usage.queryOptions({ id: b.id, from: today, to: addDays(today, 29) }));
  const stat = (title: string, q: typeof past) => (
    <Col xs={12} md={8}>
      {q.data ? (
        <>
          <Statistic title={title} value={Math.round(q.data.ratio * 1000) / 10} precision={1} suffix="%" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('base-detail.usageDetail', { used: q.data.usedStationDays, offered: q.data.offeredStationDays })}
          </Typography.Text>
        </>
      ) : (
        <QueryState query={q} rows={1}>
          <Skeleton active paragraph={{ rows: 1 }} />
        </QueryState>
      )}
    </Col>
  );
  return (
    <section aria-label={t('base-detail.usage')}>
      <Heading level={3}>{t('base-detail.usage')}</Heading>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('base-detail.usageHint')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {stat(t('base-detail.last30'), past)}
        {stat(t('base-detail.next30'), next)}
      </Row>
    </section>
  );
}

const historyActions = ['create', 'update', 'publish', 'unpublish'];

export function RevisionHistory({ b }: { b: BaseDetail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const history = useQuery(trpc.trainingBases.history.queryOptions({ id: b.id }));
  const items = (history.data ?? []).map((r) => ({
    key: r.id,
    color: r.action === 'publish' ? 'green' : r.action === 'unpublish' ? 'red' : 'blue',
    content: (
      <>
        <Typography.Text strong>
          {historyActions.includes(r.action) ? t(`base-detail.historyActions.${r.action}`) : r.action}
        </Typography.Text>
        <Typography.Text type="secondary">{` · ${t('base-detail.version', { version: r.version })}`}</Typography.Text>
        {r.action === 'update' && r.changedFields.length > 0 && (
          <>
            <br />
            <Typography.Text>
              {t('base-detail.changedFields', {
                fields: r.changedFields.map((f) => t(`base-detail.fields.${f}`, { defaultValue: f })).join(t('base-detail.listSep')),
              })}
            </Typography.Text>
          </>
        )}
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dayjs(r.at).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </>
    ),
  }));
  return (
    <Card title={<Heading>{t('base-detail.history')}</Heading>} style={{ marginBottom: 16 }}>
      <QueryState query={history} rows={3}>
        {items.length === 0 ? <Typography.Text type="secondary">{t('base-detail.noHistory')}</Typography.Text> : <Timeline items={items} />}
      </QueryState>
    </Card>
  );
}
