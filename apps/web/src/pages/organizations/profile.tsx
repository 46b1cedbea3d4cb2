import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MemberRole } from '@ronghe/domain/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { SchoolDesignations } from './designations.tsx';
import { VouchedChange } from './vouched-change.tsx';

const roles = ['member', 'manager', 'owner'] as const satisfies readonly MemberRole[];
const statusTones = { pending: 'gold', verified: 'green', rejected: 'red', suspended: 'grey' } as const satisfies Record<string, Tone>;
const day = (d: Date) => dayjs(d).format('YYYY-MM-DD');

/** /orgs/:id: an organisation's profile; members see its people, owners and managers invite. */
export default function OrganizationPage() {
  const { id = '' } = useParams();
  const me = useSignedInUser();
  return (
    <>
      <Profile id={id} userId={me.userId} />
    </>
  );
}

function Profile({ id, userId }: { id: string; userId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const org = useQuery(trpc.organizations.get.queryOptions({ id }, { retry: false }));
  const none = t('organizations.none');

  if (org.error?.data?.code === 'NOT_FOUND' || org.error?.data?.code === 'BAD_REQUEST')
    return (
      <Result
        status="404"
        title={<Heading style={{ fontSize: 24 }}>{t('organizations.notFoundTitle')}</Heading>}
        extra={<Link to="/">{t('common.backHome')}</Link>}
      />
    );
  if (!org.data) return <QueryState query={org}>{null}</QueryState>;
  const o = org.data;

  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('organizations.kind'), children: t(`kinds.${o.kind}`) },
    { key: 'region', label: t('organizations.region'), children: `${t(`provinces.${o.provinceCode}`)} · ${o.regionName}` },
    { key: 'address', label: t('organizations.address'), children: o.address || none },
    ...(o.kind !== 'school' ? [{ key: 'uscc', label: t('organizations.uscc'), children: o.uscc ?? none }] : []),
    ...(o.kind === 'school'
      ? [
          { key: 'schoolCode', label: t('organizations.schoolCode'), children: o.schoolCode ?? none },
          { key: 'level', label: t('organizations.schoolLevel'), children: o.schoolLevel ? t(`schoolLevels.${o.schoolLevel}`) : none },
          {
            key: 'majors',
            label: t('organizations.majors'),
            span: 'filled' as const,
            children:
              o.majors.length > 0 ? (
                <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4, minWidth: 0 }}>
                  {o.majors.map((m) => (
                    <Tag key={m.code} style={{ margin: 0 }}>{`${m.code} ${m.name}`}</Tag>
                  ))}
                </span>
              ) : (
                none
              ),
          },
        ]
      : []),
    ...(o.kind === 'enterprise'
      ? [
          {
            key: 'industry',
            label: t('organizations.industry'),
            children: o.industryCode ? `${o.industryCode} ${o.industryName ?? ''}` : none,
          },
          { key: 'staff', label: t('organizations.staffCount'), children: o.staffCount ?? none },
          {
            key: 'leading',
            label: t('organizations.leading'),
            children: o.isLeadingEnterprise ? t('organizations.yes') : t('organizations.no'),
          },
        ]
      : []),
    ...(o.kind === 'partner'
      ? [
          {
            key: 'partnerType',
            label: t('organizations.partnerType'),
            children: o.partnerType ? t(`organizations.partnerTypes.${o.partnerType}`) : none,
          },
        ]
      : []),
    { key: 'contactName', label: t('organizations.contactName'), children: o.contactName || none },
    { key: 'contactPhone', label: t('organizations.contactPhone'), children: o.contactPhone || none },
    { key: 'registeredAt', label: t('organizations.registeredAt'), children: day(o.createdAt) },
    {
      key: 'description',
      label: t('organizations.description'),
      span: 'filled' as const,
      children: o.description ? <span style={{ whiteSpace: 'pre-wrap' }}>{o.description}</span> : none,
    },
  ];

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
        {o.name}
      </Typography.Title>
      <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
        <ToneTag tone={statusTones[o.status]}>{t('organizations.statusIs', { status: t(`statuses.${o.status}`) })}</ToneTag>
        {o.isDemo && <Tag>{t('app.demo')}</Tag>}
        {o.myRole && <Tag>{t('organizations.myRole', { role: t(`organizations.roles.${o.myRole}`) })}</Tag>}
      </Space>

      {o.status === 'pending' && (
        <Alert
          type="info"
          showIcon
          title={t('organizations.pendingTitle')}
          description={t('organizations.pendingBody')}
          style={{ marginBottom: 16 }}
        />
      )}
      {(o.status === 'rejected' || o.status === 'suspended') && (
        <Alert
          type="error"
          showIcon
          title={t(`organizations.${o.status}Title`)}
          description={o.statusReason ? t('organizations.reason', { reason: o.statusReason }) : undefined}
          style={{ marginBottom: 16 }}
        />
      )}

      {o.pendingChange && (
        <Alert
          type="warning"
          showIcon
          title={t('organizations.changePendingTitle')}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{t('organizations.changePendingBody')}</Typography.Paragraph>
              <VouchedChange before={o.pendingChange.before} after={o.pendingChange.after} />
              <Typography.Text type="secondary">{t('organizations.changedAt', { date: day(o.pendingChange.createdAt) })}</Typography.Text>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}

      <Card title={t('organizations.details')} style={{ marginBottom: 16 }}>
        <Descriptions items={items} column={{ xs: 1, sm: 1, md: 2 }} size="small" />
      </Card>

      {o.kind === 'school' && <SchoolDesignations organizationId={o.id} />}
      {o.myRole && <Members organizationId={o.id} myRole={o.myRole} userId={userId} />}
      {(o.myRole === 'owner' || o.myRole === 'manager') &&
        (o.status === 'verified' ? (
          <Invitations organizationId={o.id} myRole={o.myRole} />
        ) : (
          <Card title={t('organizations.invite')} style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">{t('organizations.inviteNeedsVerification')}</Typography.Text>
          </Card>
        ))}
    </>
  );
}

function Members({ organizationId, myRole, userId }: { organizationId: string; myRole: MemberRole; userId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const members = useQuery(trpc.organizations.members.queryOptions({ organizationId }));
  const onError = (error: unknown) => void message.error(messageOf(error));
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.organizations.members.queryKey({ organizationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.organizations.get.queryKey({ id: organizationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
    ]);

  const setRole = useMutation(
    trpc.organizations.setRole.mutationOptions({
      onSuccess: () => void refresh().then(() => message.success(t('organizations.roleChanged'))),
      onError,
    }),
  );
  const remove = useMutation(
    trpc.organizations.removeMember.mutationOptions({
      onSuccess: async (_, input) => {
        if (input.userId === userId) {
          // we are no longer a member: reading the member list would now be refused
          queryClient.removeQueries({ queryKey: trpc.organizations.members.queryKey({ organizationId }) });
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.organizations.get.queryKey({ id: organizationId }) }),
            queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
          ]);
          void message.success(t('organizations.left'));
        } else {
          await refresh();
          void message.success(t('organizations.removed'));
        }
      },
      onError,
    }),
  );
  type Row = NonNullable<typeof members.data>[number];
  const owner = myRole === 'owner';

  return (
    <Card title={t('organizations.members')} style={{ marginBottom: 16 }}>
      <QueryState query={members} rows={3}>
        <Table<Row>
          rowKey="userId"
          size="small"
          pagination={false}
          dataSource={members.data}
          locale={{ emptyText: <Typography.Text type="secondary">{t('common.noData')}</Typography.Text> }}
          columns={[
            {
              title: t('organizations.memberName'),
              key: 'name',
              render: (_, m) => (
                <>
                  {`${m.name}${m.userId === userId ? t('organizations.you') : ''}`}
                  <br />
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {m.email ?? m.phoneNumber ?? ''}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('organizations.memberRole'),
              key: 'role',
              render: (_, m) =>
                owner ? (
                  <Select<MemberRole>
                    size="small"
                    value={m.role}
                    aria-label={t('organizations.roleOf', { name: m.name })}
                    disabled={setRole.isPending}
                    onChange={(role) => setRole.mutate({ organizationId, userId: m.userId, role })}
                    options={roles.map((r) => ({ value: r, label: t(`organizations.roles.${r}`) }))}
                    style={{ minWidth: 96 }}
                  />
                ) : (
                  t(`organizations.roles.${m.role}`)
                ),
            },
            { title: t('organizations.memberSince'), key: 'since', responsive: ['md'], render: (_, m) => day(m.since) },
            {
              title: t('organizations.actions'),
              key: 'actions',
              render: (_, m) => {
                const self = m.userId === userId;
                if (!self && !owner) return null;
                return (
                  <Popconfirm
                    title={self ? t('organizations.leaveConfirm') : t('organizations.removeConfirm', { name: m.name })}
                    onConfirm={() => remove.mutateAsync({ organizationId, userId: m.userId }).catch(() => undefined)}
                    okButtonProps={{ danger: true }}
                  >
                    <Button size="small" danger>
                      {self ? t('organizations.leave') : t('organizations.remove')}
                    </Button>
                  </Popconfirm>
                );
              },
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}

type InviteValues = { identifier: string; role: MemberRole };

function Invitations({ organizationId, myRole }: { organizationId: string; myRole: MemberRole }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const [link, setLink] = useState<string | null>(null);
  const invitations = useQuery(trpc.organizations.invitations.queryOptions({ organizationId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.organizations.invitations.queryKey({ organizationId }) });

  const invite = useMutation(
    trpc.organizations.invite.mutationOptions({
      onSuccess: (result) => {
        setLink(result.link);
        form.resetFields();
        void refresh();
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  const revoke = useMutation(
    trpc.organizations.revokeInvitation.mutationOptions({
      onSuccess: () => void refresh().then(() => message.success(t('organizations.revoked'))),
      onError: (error) => void message.error(messageOf(error)),
    }),
  );
  type Row = NonNullable<typeof invitations.data>[number];
  const allowed = myRole === 'owner' ? roles : roles.filter((r) => r !== 'owner');

  return (
    <Card title={t('organizations.invite')} style={{ marginBottom: 16 }}>
      <Form<InviteValues>
        form={form}
        layout="vertical"
        initialValues={{ identifier: '', role: 'member' }}
        onFinish={(values) => {
          setLink(null);
          invite.mutate({ organizationId, identifier: values.identifier.trim(), role: values.role });
        }}
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' }}
      >
        <Form.Item
          name="identifier"
          label={t('organizations.identifier')}
          rules={[{ required: true, whitespace: true, message: t('organizations.identifierInvalid') }]}
          style={{ flex: '1 1 260px' }}
        >
          <Input placeholder={t('organizations.identifierPlaceholder')} autoComplete="off" maxLength={254} />
        </Form.Item>
        <Form.Item name="role" label={t('organizations.role')} style={{ flex: '0 1 160px' }}>
          <Select<MemberRole> options={allowed.map((r) => ({ value: r, label: t(`organizations.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={invite.isPending}>
            {t('organizations.sendInvite')}
          </Button>
        </Form.Item>
      </Form>

      {link && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('organizations.inviteSent')}
          description={
            <>
              {t('organizations.inviteSentNote')}
              <Typography.Paragraph copyable={{ text: link }} style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}>
                <Typography.Text code>{link}</Typography.Text>
              </Typography.Paragraph>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}

      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('organizations.invitations')}
      </Typography.Title>
      <QueryState query={invitations} rows={2}>
        <Table<Row>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={invitations.data}
          locale={{ emptyText: <Typography.Text type="secondary">{t('organizations.noInvitations')}</Typography.Text> }}
          columns={[
            {
              title: t('organizations.invitee'),
              dataIndex: 'identifier',
              render: (v: string) => <span style={{ overflowWrap: 'anywhere' }}>{v}</span>,
            },
            { title: t('organizations.role'), dataIndex: 'role', render: (r: MemberRole) => t(`organizations.roles.${r}`) },
            { title: t('organizations.expiresAt'), dataIndex: 'expiresAt', responsive: ['sm'], render: (d: Date) => day(d) },
            {
              title: t('organizations.actions'),
              key: 'actions',
              render: (_, inv) => (
                <Popconfirm
                  title={t('organizations.revokeConfirm')}
                  onConfirm={() => revoke.mutateAsync({ invitationId: inv.id }).catch(() => undefined)}
                  okButtonProps={{ danger: true }}
                >
                  <Button size="small">{t('organizations.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}
