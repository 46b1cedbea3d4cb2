import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsortiumRole, CouncilPosition } from '@ronghe/domain/consortium';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { roles, positions, type Detail, type Org, useRefresh } from './shared.tsx';

export function LeadTools({
  c,
  lead,
  leads,
  onActAs,
  children,
}: {
  c: Detail;
  lead: Org;
  leads: Org[];
  onActAs: (id: string) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [submitError, setSubmitError] = useState<string | null>(null);
  const submit = useMutation(
    trpc.consortia.submit.mutationOptions({
      onSuccess: () => {
        setSubmitError(null);
        void refresh().then(() => message.success(t('consortia.submitted')));
      },
      onError: (e) => setSubmitError(messageOf(e)),
    }),
  );
  const canSubmit = c.status === 'draft' || c.status === 'returned';
  const canInvite = c.status !== 'suspended' && c.status !== 'dissolved';

  return (
    <Card title={<Heading>{t('consortia.leadTools')}</Heading>} style={{ marginBottom: 16 }}>
      {leads.length > 1 && (
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="acting-lead" style={{ marginInlineEnd: 8 }}>
            {t('consortia.actFor')}
          </label>
          <Select
            id="acting-lead"
            value={lead.organizationId}
            onChange={onActAs}
            options={leads.map((l) => ({ value: l.organizationId, label: l.name }))}
            style={{ minWidth: 220, maxWidth: '100%' }}
          />
        </div>
      )}
      {canSubmit && (
        <div style={{ marginBottom: 16 }}>
          <Popconfirm
            title={t('consortia.submitConfirm')}
            onConfirm={() => submit.mutateAsync({ consortiumId: c.id, organizationId: lead.organizationId }).catch(() => undefined)}
          >
            <Button type="primary" loading={submit.isPending}>
              {t('consortia.submit')}
            </Button>
          </Popconfirm>
          {submitError && <Alert type="error" showIcon role="alert" title={submitError} style={{ marginTop: 12 }} />}
        </div>
      )}
      {canInvite && <InviteForm c={c} lead={lead} />}
      {children}
    </Card>
  );
}

type InviteValues = { organizationId?: string; role: ConsortiumRole; councilPosition?: CouncilPosition };

function InviteForm({ c, lead }: { c: Detail; lead: Org }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const role = Form.useWatch('role', form);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const orgs = useQuery(trpc.organizations.list.queryOptions({ q: q || undefined, limit: 20 }, { placeholderData: keepPreviousData }));
  const taken = new Set(
    [...c.members, ...c.requests.filter((r) => r.status === 'applied' || r.status === 'invited')].map((m) => m.organizationId),
  );
  const options = (orgs.data?.items ?? [])
    .filter((o) => !taken.has(o.id))
    .map((o) => ({
      value: o.id,
      label: o.name + t('consortia.paren', { text: `${t(`kinds.${o.kind}`)} · ${t(`provinces.${o.provinceCode}`)} ${o.regionName}` }),
      name: o.name,
    }));

  const invite = useMutation(
    trpc.consortia.invite.mutationOptions({
      onSuccess: (_, input) => {
        const name = options.find((o) => o.value === input.organizationId)?.name ?? '';
        form.resetFields();
        void refresh().then(() => message.success(t('consortia.inviteSent', { name })));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );

  return (
    <>
      <Heading level={3}>{t('consortia.invite')}</Heading>
      <Form<InviteValues>
        form={form}
        layout="vertical"
        initialValues={{
          organizationId: undefined,
          role: c.status === 'draft' || c.status === 'returned' ? 'lead' : 'member',
          councilPosition: 'director',
        }}
        onFinish={(v) =>
          v.organizationId &&
          invite.mutate({
            consortiumId: c.id,
            actingOrganizationId: lead.organizationId,
            organizationId: v.organizationId,
            role: v.role,
            councilPosition: v.role === 'council' ? v.councilPosition : null,
          })
        }
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' }}
      >
        <Form.Item
          name="organizationId"
          label={t('consortia.inviteOrg')}
          rules={[{ required: true, message: t('consortia.choose', { field: t('consortia.inviteOrg') }) }]}
          style={{ flex: '2 1 280px', minWidth: 0 }}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('consortia.inviteOrgPlaceholder')}
            options={options}
            loading={orgs.isFetching}
            notFoundContent={orgs.isFetching ? null : t('common.noData')}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <Form.Item name="role" label={t('consortia.inviteRole')} style={{ flex: '1 1 140px' }}>
          <Select options={roles.map((r) => ({ value: r, label: t(`consortia.roles.${r}`) }))} />
        </Form.Item>
        {role === 'council' && (
          <Form.Item name="councilPosition" label={t('consortia.councilPosition')} style={{ flex: '1 1 140px' }}>
            <Select options={positions.map((p) => ({ value: p, label: t(`consortia.positions.${p}`) }))} />
          </Form.Item>
        )}
        <Form.Item>
          <Button htmlType="submit" loading={invite.isPending}>
            {t('consortia.sendInvite')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

export function Pending({ c, lead }: { c: Detail; lead: Org }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const decide = useMutation(
    trpc.consortia.decide.mutationOptions({
      onSuccess: (_, input) => {
        const name = c.requests.find((m) => m.organizationId === input.organizationId)?.name ?? '';
        void refresh().then(() => message.success(input.accept ? t('consortia.accepted', { name }) : t('consortia.declined')));
      },
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const applications = c.requests.filter((m) => m.status === 'applied');
  const invitations = c.requests.filter((m) => m.status === 'invited');
  const busy = (orgId: string) => decide.isPending && decide.variables.organizationId === orgId;

  return (
    <section aria-label={t('consortia.pendingTitle')}>
      <Heading level={3}>{t('consortia.applications')}</Heading>
      {applications.length === 0 ? (
        <Typography.Text type="secondary">{t('consortia.noApplications')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {applications.map((m) => (
            <li key={m.organizationId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <span>
                  <Link to={`/orgs/${m.organizationId}`}>{m.name}</Link>
                  <Typography.Text type="secondary">
                    {t('consortia.paren', { text: `${t(`kinds.${m.kind}`)} · ${t(`provinces.${m.provinceCode}`)} ${m.regionName}` })}
                  </Typography.Text>
                </span>
                {m.message && (
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {t('consortia.labelled', { label: t('consortia.applicationMessage'), text: m.message })}
                  </Typography.Text>
                )}
                <Space wrap>
                  <Button
                    size="small"
                    type="primary"
                    loading={busy(m.organizationId) && decide.variables?.accept === true}
                    onClick={() =>
                      decide.mutate({
                        consortiumId: c.id,
                        actingOrganizationId: lead.organizationId,
                        organizationId: m.organizationId,
                        accept: true,
                      })
                    }
                  >
                    {t('consortia.accept')}
                  </Button>
                  <Popconfirm
                    title={t('consortia.declineConfirm', { name: m.name })}
                    onConfirm={() =>
                      decide
                        .mutateAsync({
                          consortiumId: c.id,
                          actingOrganizationId: lead.organizationId,
                          organizationId: m.organizationId,
                          accept: false,
                        })
                        .catch(() => undefined)
                    }
                  >
                    <Button size="small">{t('consortia.decline')}</Button>
                  </Popconfirm>
                </Space>
              </Space>
            </li>
          ))}
        </ul>
      )}
      <Heading level={3}>{t('consortia.invitations')}</Heading>
      {invitations.length === 0 ? (
        <Typography.Text type="secondary">{t('consortia.noInvitations')}</Typography.Text>
      ) : (
        <ul style={{ paddingInlineStart: 20, margin: 0 }}>
          {invitations.map((m) => (
            <li key={m.organizationId}>
              <Link to={`/orgs/${m.organizationId}`}>{m.name}</Link>
              <Typography.Text type="secondary">
                {` · ${t('consortia.invitedAs', {
                  role:
                    t(`consortia.roles.${m.role}`) +
                    (m.councilPosition ? t('consortia.paren', { text: t(`consortia.positions.${m.councilPosition}`) }) : ''),
                })}`}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
