import type { ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Grid, List, Popconfirm, Result, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TrainingBaseStatus } from '@ronghe/domain/training-base';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { messageOf } from '../../lib/errors.ts';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
const statusTones = { draft: 'grey', published: 'green', unpublished: 'gold' } as const satisfies Record<TrainingBaseStatus, Tone>;

type Managed = { organizationId: string; name: string; status: string };

/** /bases/mine: the bases of an organisation the user manages, with publish and unpublish. */
export default function MyBasesPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const [params, setParams] = useSearchParams();

  const page = (body: ReactNode) => (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('base-publish.mine.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('base-publish.mine.intro')}</Typography.Paragraph>
      {body}
    </>
  );
  const notice = (title: string, body: string, link: ReactNode) => (
    <Result status="info" title={<Heading style={{ fontSize: 22 }}>{title}</Heading>} subTitle={body} extra={link} />
  );

  const managed = me.memberships.filter((m) => m.role === 'owner' || m.role === 'manager');
  if (managed.length === 0)
    return page(
      notice(
        t('base-publish.mine.noManagedTitle'),
        t('base-publish.mine.noManagedBody'),
        <Link to="/orgs/new">{t('base-publish.registerOrg')}</Link>,
      ),
    );

  const wanted = params.get('org') ?? me.activeOrganizationId;
  const org = managed.find((m) => m.organizationId === wanted) ?? managed[0];
  if (!org) return null;
  const choose = (id: string) => setParams({ org: id }, { replace: true });
  return page(<OrganizationBases org={org} managed={managed} onChoose={choose} />);
}

function OrganizationBases({ org, managed, onChoose }: { org: Managed; managed: Managed[]; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const list = useQuery(trpc.trainingBases.mine.queryOptions({ organizationId: org.organizationId }));
  const verified = org.status === 'verified';

  return (
    <>
      <div
        style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: 12, marginBottom: 16 }}
      >
        <div style={{ display: 'flex', flexDirection: 'column', gap: 4, flex: '1 1 260px', maxWidth: 420 }}>
          <label htmlFor="my-bases-org">{t('base-publish.mine.organization')}</label>
          <Select
            id="my-bases-org"
            value={org.organizationId}
            onChange={onChoose}
            options={managed.map((m) => ({ value: m.organizationId, label: m.name }))}
            style={{ width: '100%' }}
          />
        </div>
        {verified && (
          <Button
            type="primary"
            href={`/bases/new?org=${org.organizationId}`}
            onClick={(e) => {
              e.preventDefault();
              void navigate(`/bases/new?org=${org.organizationId}`);
            }}
          >
            {t('base-publish.mine.newBase')}
          </Button>
        )}
      </div>
      {!verified && <Alert type="info" showIcon title={t('base-publish.mine.unverified')} style={{ marginBottom: 16 }} />}
      <QueryState query={list}>
        {list.data && list.data.length === 0 ? (
          <Typography.Paragraph type="secondary">{t('base-publish.mine.empty')}</Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('base-publish.mine.count', { count: list.data?.length ?? 0 })}</Typography.Paragraph>
            <BaseTable rows={list.data ?? []} verified={verified} />
          </>
        )}
      </QueryState>
    </>
  );
}

type Row = {
  id: string;
  kind: string;
  name: string;
  status: TrainingBaseStatus;
  stations: number;
  openToPartners: boolean;
  updatedAt: Date;
  pendingBookings: number;
};

/** A table on wider screens, a list of cards on a phone; both with edit and publish / unpublish. */
function BaseTable({ rows, verified }: { rows: Row[]; verified: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const m = (key: string, options?: Record<string, unknown>) => t(`base-publish.mine.${key}`, options ?? {});
  const after = (key: 'published' | 'unpublished') => ({
    onSuccess: async (_: unknown, input: { id: string }) => {
      await queryClient.invalidateQueries({ queryKey: trpc.trainingBases.pathKey() });
      void message.success(m(key, { name: rows.find((r) => r.id === input.id)?.name ?? '' }));
    },
    onError: (error: unknown) => void message.error(messageOf(error)),
  });
  const publish = useMutation(trpc.trainingBases.publish.mutationOptions(after('published')));
  const unpublish = useMutation(trpc.trainingBases.unpublish.mutationOptions(after('unpublished')));

  const status = (r: Row) => <ToneTag tone={statusTones[r.status]}>{t(`bases.statuses.${r.status}`)}</ToneTag>;
  const pending = (r: Row) =>
    r.pendingBookings > 0 ? <Link to="/bases/bookings">{m('pendingCount', { count: r.pendingBookings })}</Link> : '0';
  const updated = (r: Row) => dayjs(r.updatedAt).format('YYYY-MM-DD HH:mm');
  const actions = (r: Row) => {
    const live = r.status === 'published';
    const mutation = live ? unpublish : publish;
    return (
      <Space wrap size={8}>
        <Link to={`/bases/${r.id}/edit`} aria-label={m('editNamed', { name: r.name })}>
          {m('edit')}
        </Link>
        {(live || verified) && (
          <Popconfirm
            title={m(live ? 'unpublishConfirm' : 'publishConfirm', { name: r.name })}
            okText={m('confirm')}
            okButtonProps={{ danger: live }}
            onConfirm={() => mutation.mutateAsync({ id: r.id }).catch(() => undefined)}
          >
            <Button
              size="small"
              danger={live}
              aria-label={m(live ? 'unpublishNamed' : 'publishNamed', { name: r.name })}
              loading={mutation.isPending && mutation.variables.id === r.id}
            >
              {m(live ? 'unpublish' : 'publish')}
            </Button>
          </Popconfirm>
        )}
      </Space>
    );
  };
  const labelled = (label: string, text: ReactNode) => (
    <span style={{ whiteSpace: 'nowrap' }}>
      {label}：{text}
    </span>
  );

  if (phone)
    return (
      <List
        dataSource={rows}
        rowKey="id"
        renderItem={(r) => (
          <List.Item style={{ display: 'block' }}>
            <Typography.Text strong style={{ display: 'block', overflowWrap: 'anywhere' }}>
              <Link to={`/bases/${r.id}`}>{r.name}</Link>
            </Typography.Text>
            <Space wrap size={[8, 4]} style={{ margin: '6px 0' }}>
              {status(r)}
              <Typography.Text type="secondary">{t(`bases.kinds.${r.kind}`)}</Typography.Text>
            </Space>
            <Space wrap size={[16, 4]} style={{ display: 'flex', marginBottom: 8 }}>
              {labelled(m('stations'), r.stations)}
              {labelled(m('open'), r.openToPartners ? t('base-publish.yes') : t('base-publish.no'))}
              {labelled(m('pending'), pending(r))}
              {labelled(m('updated'), updated(r))}
            </Space>
            {actions(r)}
          </List.Item>
        )}
      />
    );
  return (
    <Table<Row>
      rowKey="id"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      columns={[
        { title: m('name'), key: 'name', render: (_, r) => <Link to={`/bases/${r.id}`}>{r.name}</Link> },
        { title: m('kind'), key: 'kind', render: (_, r) => t(`bases.kinds.${r.kind}`) },
        { title: m('status'), key: 'status', onHeaderCell: nowrap, render: (_, r) => status(r) },
        { title: m('stations'), dataIndex: 'stations', align: 'right', onHeaderCell: nowrap },
        {
          title: m('open'),
          key: 'open',
          onHeaderCell: nowrap,
          render: (_, r) => (r.openToPartners ? t('base-publish.yes') : t('base-publish.no')),
        },
        { title: m('pending'), key: 'pending', align: 'right', onHeaderCell: nowrap, render: (_, r) => pending(r) },
        { title: m('updated'), key: 'updated', onHeaderCell: nowrap, onCell: nowrap, render: (_, r) => updated(r) },
        { title: m('actions'), key: 'actions', onHeaderCell: nowrap, render: (_, r) => actions(r) },
      ]}
    />
  );
}
