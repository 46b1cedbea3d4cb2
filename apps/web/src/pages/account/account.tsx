import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Grid, Input, Row, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { OrganizationStatus } from '@ronghe/domain/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe, useResetSession } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { PageLoading, QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { AddIdentifier, VerifyIdentifier } from './verify-identifier.tsx';
import { NewPasswordFields } from './password-fields.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { PersonalDataCard } from './personal-data-card.tsx';
import { PreferencesCard } from './preferences-card.tsx';

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

const statusTone: Record<OrganizationStatus, Tone> = { verified: 'green', pending: 'gold', rejected: 'red', suspended: 'grey' };
const NO_ORGANIZATION = 'none';
// short columns stay on one line so that, on a phone, only the organisation's name wraps
const nowrap = {
  onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
  onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
};

/** Card titles as headings, so the page reads as an outline to screen readers. */
const heading = (text: string) => (
  <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
    {text}
  </Typography.Title>
);

/** The signed-in person's own page: who they are, their organisations, invitations, password, sign-out. */
export default function AccountPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  // Signing out (here or from the header) leaves for the home page, but that navigation is a
  // transition and the emptied session can arrive first: once a sign-out starts, do not bounce to sign-in.
  const signingOut = useIsMutating({ mutationKey: trpc.account.signOut.mutationKey() }) > 0;
  const [leaving, setLeaving] = useState(false);
  if (signingOut && !leaving) setLeaving(true);
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <QueryState query={me}>{null}</QueryState>;
  if (!me.data) return leaving ? <PageLoading /> : <Navigate to="/login?next=/account" replace />;
  const data = me.data;
  const invitations = <InvitationsCard me={data} key="invitations" />;

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('account.accountTitle')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            {data.invitations.length > 0 && invitations}
            <OrganizationsCard me={data} />
            {data.invitations.length === 0 && invitations}
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <ProfileCard me={data} />
            <PasswordCard username={data.email ?? data.phoneNumber ?? ''} />
            <PreferencesCard />
            <SessionsCard />
            <PersonalDataCard />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

function ProfileCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const reset = useResetSession();
  const signOut = useMutation(
    trpc.account.signOut.mutationOptions({
      // leave the page first, so it does not bounce to the sign-in page as the session empties
      onSuccess: async () => {
        await navigate('/');
        await reset();
      },
    }),
  );

  return (
    <Card title={heading(t('account.profile'))}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('account.name')}>
          <Space wrap size={8}>
            {me.name}
            {me.isPlatformAdmin && <ToneTag tone="blue">{t('account.platformAdmin')}</ToneTag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('account.email')}>
          {me.email ? <VerifyIdentifier channel="email" value={me.email} verified={me.emailVerified} /> : <AddIdentifier channel="email" />}
        </Descriptions.Item>
        <Descriptions.Item label={t('account.phone')}>
          {me.phoneNumber ? (
            <VerifyIdentifier channel="sms" value={me.phoneNumber} verified={me.phoneNumberVerified} />
          ) : (
            <AddIdentifier channel="sms" />
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        {t('account.sessionHint')}
      </Typography.Paragraph>
      {signOut.isError && (
        <Alert
          type="error"
          showIcon
          title={t('account.signOutFailed')}
          description={messageOf(signOut.error)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Space wrap>
        <Button onClick={() => signOut.mutate({ everywhere: false })} loading={signOut.isPending && signOut.variables.everywhere === false}>
          {t('account.signOut')}
        </Button>
        <Button
          danger
          onClick={() => signOut.mutate({ everywhere: true })}
          loading={signOut.isPending && signOut.variables.everywhere === true}
        >
          {t('account.signOutEverywhere')}
        </Button>
      </Space>
    </Card>
  );
}

function OrganizationsCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const switchOrganization = useMutation(
    trpc.account.switchOrganization.mutationOptions({
      // what the other pages show can depend on the organisation one acts for
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        void message.success(t('account.switched'));
      },
    }),
  );
  const rows = me.memberships;
  // on a phone the organisation's kind moves under its name, leaving room for the name to wrap
  const narrow = !Grid.useBreakpoint().sm;

  return (
    <Card title={heading(t('account.organizations'))}>
      {rows.length === 0 ? (
        <Typography.Paragraph style={{ margin: 0 }}>{t('account.noOrganizations')}</Typography.Paragraph>
      ) : (
        <>
          <Form layout="vertical">
            <Form.Item label={t('account.actingFor')} htmlFor="acting-for" extra={t('account.actingForHint')}>
              <Select
                id="acting-for"
                style={{ width: '100%', maxWidth: 400 }}
                value={me.activeOrganizationId ?? NO_ORGANIZATION}
                loading={switchOrganization.isPending}
                disabled={switchOrganization.isPending}
                onChange={(v: string) => switchOrganization.mutate({ organizationId: v === NO_ORGANIZATION ? null : v })}
                options={[
                  { value: NO_ORGANIZATION, label: t('account.actingForNone') },
                  ...rows.map((m) => ({ value: m.organizationId, label: m.name })),
                ]}
              />
            </Form.Item>
          </Form>
          {switchOrganization.isError && (
            <Alert
              type="error"
              showIcon
              title={t('account.switchFailed')}
              description={messageOf(switchOrganization.error)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Table
            rowKey="organizationId"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: t('account.organization'),
                dataIndex: 'name',
                render: (name: string, m) => (
                  <>
                    <Link to={`/orgs/${m.organizationId}`}>{name}</Link>
                    {narrow && (
                      <Typography.Text type="secondary">{t('account.kindInParens', { kind: t(`kinds.${m.kind}`) })}</Typography.Text>
                    )}
                  </>
                ),
              },
              ...(narrow
                ? []
                : [
                    {
                      ...nowrap,
                      title: t('account.kind'),
                      dataIndex: 'kind',
                      render: (k: Me['memberships'][number]['kind']) => t(`kinds.${k}`),
                    },
                  ]),
              {
                ...nowrap,
                title: t('account.role'),
                dataIndex: 'role',
                render: (r: Me['memberships'][number]['role']) => t(`account.roles.${r}`),
              },
              {
                ...nowrap,
                title: t('account.status'),
                dataIndex: 'status',
                render: (s: OrganizationStatus) => <ToneTag tone={statusTone[s]}>{t(`statuses.${s}`)}</ToneTag>,
              },
            ]}
          />
        </>
      )}
      <div style={{ marginTop: 16 }}>
        <RegisterButton />
      </div>
    </Card>
  );
}

function RegisterButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      href="/orgs/new"
      onClick={(e) => {
        e.preventDefault();
        void navigate('/orgs/new');
      }}
    >
      {t('account.registerOrganization')}
    </Button>
  );
}

function InvitationsCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
  const nameOf = (token: string) => me.invitations.find((i) => i.token === token)?.organizationName ?? '';
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: async (_, { token }) => {
        void message.success(t('account.accepted', { name: nameOf(token) }));
        await refresh();
      },
      onError: (e) => setError(messageOf(e)),
    }),
  );
  const decline = useMutation(
    trpc.invitations.decline.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: async () => {
        void message.success(t('account.declined'));
        await refresh();
      },
      onError: (e) => setError(messageOf(e)),
    }),
  );
  const busy = accept.isPending || decline.isPending;

  return (
    <Card title={heading(t('account.invitations'))}>
      {error && <Alert type="error" showIcon title={t('account.invitationFailed')} description={error} style={{ marginBottom: 16 }} />}
      {me.invitations.length === 0 ? (
        <Typography.Text type="secondary">{t('account.noInvitations')}</Typography.Text>
      ) : (
        <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {me.invitations.map((inv) => (
            <Flex key={inv.token} component="li" wrap justify="space-between" align="center" gap={12}>
              <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                <Typography.Text strong>{inv.organizationName}</Typography.Text>
                {t('account.kindInParens', { kind: t(`kinds.${inv.organizationKind}`) })}
                {t('account.invitationLine', { role: t(`account.roles.${inv.role}`) })}
                <br />
                <Typography.Text type="secondary">
                  {t('account.expiresAt', { date: dayjs(inv.expiresAt).format('YYYY-MM-DD') })}
                </Typography.Text>
              </div>
              <Space>
                <Button
                  type="primary"
                  disabled={busy}
                  loading={accept.isPending && accept.variables.token === inv.token}
                  onClick={() => accept.mutate({ token: inv.token })}
                >
                  {t('account.accept')}
                </Button>
                <Button
                  disabled={busy}
                  loading={decline.isPending && decline.variables.token === inv.token}
                  onClick={() => decline.mutate({ token: inv.token })}
                >
                  {t('account.decline')}
                </Button>
              </Space>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

type PasswordValues = { currentPassword: string; newPassword: string; confirm: string };

function PasswordCard({ username }: { username: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [error, setError] = useState<string | null>(null);
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        void message.success(t('account.passwordChanged'));
      },
      onError: (e) => setError(applyFieldErrors(form, e) ? null : messageOf(e)),
    }),
  );
  const submit = ({ currentPassword, newPassword }: PasswordValues) => {
    setError(null);
    change.mutate({ currentPassword, newPassword });
  };

  return (
    <Card title={heading(t('account.changePassword'))}>
      <Form<PasswordValues> form={form} name="change-password" layout="vertical" requiredMark={false} onFinish={submit}>
        {/* lets password managers file the new password under the right account */}
        <input type="text" hidden readOnly autoComplete="username" value={username} />
        {error && (
          <Alert type="error" showIcon title={t('account.changePasswordFailed')} description={error} style={{ marginBottom: 16 }} />
        )}
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('account.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" label={t('account.newPassword')} confirmLabel={t('account.confirmNewPassword')} />
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('account.savePassword')}
        </Button>
      </Form>
    </Card>
  );
}
