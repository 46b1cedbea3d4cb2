import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Result, Row, Select, Skeleton, Space, Statistic, Table, Tag, Timeline, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ConsortiumItemKind, ConsortiumRole, ConsortiumStatus, CouncilPosition } from '@ronghe/domain/consortium';
import type { OrganizationKind } from '@ronghe/domain/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { downloadBase64 } from '../../lib/files.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';

// ECharts loads only when this page draws the members map.
const JjjMap = lazy(() => import('../../components/jjj-map.tsx'));

const roles = ['lead', 'council', 'member'] as const satisfies readonly ConsortiumRole[];
const positions = ['chair', 'vice_chair', 'secretary_general', 'director'] as const satisfies readonly CouncilPosition[];
const itemKinds = ['product', 'technology_need', 'talent_need'] as const satisfies readonly ConsortiumItemKind[];
const orgKinds = ['school', 'enterprise', 'partner'] as const satisfies readonly OrganizationKind[];
const statusTones = { draft: 'grey', submitted: 'gold', returned: 'red', active: 'green', suspended: 'grey', dissolved: 'grey' } as const satisfies Record<ConsortiumStatus, Tone>;
const day = (d: Date | string) => dayjs(d).format('YYYY-MM-DD');
const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: 17 }}>{text}</h2>;
const h3 = (text: string) => (
  <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
    {text}
  </Typography.Title>
);

type Detail = NonNullable<ReturnType<typeof useConsortium>['data']>;
type Member = Detail['members'][number];
type Org = { organizationId: string; name: string };

function useConsortium(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.consortia.get.queryOptions({ id }, { retry: false }));
}

/** After any change: the page, the directory and the counts. */
function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
}

/** /consortia/:id: a consortium's page; what a visitor may do depends on the organisations they manage. */
export default function ConsortiumPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const consortium = useConsortium(id);
  const code = consortium.error?.data?.code;
  if (code === 'NOT_FOUND' || code === 'BAD_REQUEST')
    return (
      <Result
        status="404"
        title={<h1 style={{ margin: 0, fontSize: 24 }}>{t('consortia.notFoundTitle')}</h1>}
        subTitle={t('consortia.notFoundBody')}
        extra={<Link to="/consortia">{t('consortia.backToList')}</Link>}
      />
    );
  if (!consortium.data) return <QueryState query={consortium}>{null}</QueryState>;
  return <ConsortiumView c={consortium.data} />;
}

function ConsortiumView({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const me = useMe();
  const user = me.data ?? null;
  const byOrg = new Map(c.members.map((m) => [m.organizationId, m]));
  // organisations the viewer may act for: owner or manager; proposing, applying and inviting need them verified
  const managed = (user?.memberships ?? []).filter((m) => m.role === 'owner' || m.role === 'manager');
  const leads = managed.filter((m) => byOrg.get(m.organizationId)?.role === 'lead' && byOrg.get(m.organizationId)?.status === 'active');
  const invited = managed.filter((m) => byOrg.get(m.organizationId)?.status === 'invited');
  const active = managed.filter((m) => byOrg.get(m.organizationId)?.status === 'active');
  const applied = managed.filter((m) => byOrg.get(m.organizationId)?.status === 'applied');
  const mayApply = c.status === 'active' ? managed.filter((m) => m.status === 'verified' && ['declined', 'left', undefined].includes(byOrg.get(m.organizationId)?.status)) : [];
  const [actingLead, setActingLead] = useState<string | undefined>();
  const lead = leads.find((l) => l.organizationId === actingLead) ?? leads[0];

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
        {c.name}
      </Typography.Title>
      <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
        <ToneTag tone={statusTones[c.status]}>{t('consortia.statusIs', { status: t(`consortia.statuses.${c.status}`) })}</ToneTag>
        <ToneTag tone={c.kind === 'city_union' ? 'blue' : 'green'}>{t(`consortia.kinds.${c.kind}`)}</ToneTag>
        <Tag>{t(`consortia.levels.${c.level}`)}</Tag>
      </Space>
      <StatusNotice c={c} />

      {invited.map((o) => (
        <InvitationNotice key={o.organizationId} c={c} org={o} member={byOrg.get(o.organizationId)} />
      ))}
      {user?.isPlatformAdmin && <Review c={c} />}
      {lead && (
        <LeadTools c={c} lead={lead} leads={leads} onActAs={setActingLead}>
          <Pending c={c} lead={lead} />
        </LeadTools>
      )}
      {(active.length > 0 || applied.length > 0 || mayApply.length > 0) && <MyOrganizations c={c} active={active} applied={applied} mayApply={mayApply} byOrg={byOrg} />}
      {c.status === 'active' && me.isSuccess && !user?.isPlatformAdmin && active.length + applied.length + invited.length + mayApply.length === 0 && <JoinHint signedIn={user !== null} />}

      <Facts c={c} />
      <Members c={c} />
      <Items c={c} lead={lead} />
      <History c={c} />
    </>
  );
}

/** For visitors who cannot apply yet: sign in, or get a verified organisation. */
function JoinHint({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={signedIn ? t('consortia.joinNeedsOrg') : t('consortia.signInToJoin')}
      description={
        <>
          {signedIn ? t('consortia.joinNeedsOrgBody') : t('consortia.signInToJoinBody')}{' '}
          {/* underlined: a link inside a sentence must not rely on colour alone */}
          <Link to={signedIn ? '/account' : `/login?next=${encodeURIComponent(pathname)}`} style={{ textDecoration: 'underline' }}>
            {signedIn ? t('consortia.goAccount') : t('consortia.signIn')}
          </Link>
        </>
      }
    />
  );
}

function StatusNotice({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const reason = c.statusReason ? t('consortia.reason', { reason: c.statusReason }) : undefined;
  const style = { marginBottom: 16 };
  switch (c.status) {
    case 'draft':
      return <Alert type="info" showIcon title={t('consortia.draftTitle')} description={t('consortia.draftBody')} style={style} />;
    case 'submitted':
      return <Alert type="info" showIcon title={t('consortia.submittedTitle')} style={style} />;
    case 'returned':
      return <Alert type="error" showIcon title={t('consortia.returnedTitle')} description={reason} style={style} />;
    case 'suspended':
    case 'dissolved':
      return <Alert type="warning" showIcon title={t(`consortia.${c.status}Title`)} description={reason} style={style} />;
    default:
      return null;
  }
}

function InvitationNotice({ c, org, member }: { c: Detail; org: Org; member: Member | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const respond = useMutation(
    trpc.consortia.respondToInvitation.mutationOptions({
      onSuccess: (_, input) => void refresh().then(() => message.success(t(input.accept ? 'consortia.invitationAccepted' : 'consortia.invitationDeclined'))),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const role = member ? t(`consortia.roles.${member.role}`) + (member.councilPosition ? ` · ${t(`consortia.positions.${member.councilPosition}`)}` : '') : '';
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('consortia.invitationTitle')}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t('consortia.invitationBody', { name: org.name, role })}</Typography.Paragraph>
          <Space wrap>
            <Button type="primary" loading={respond.isPending && respond.variables.accept} onClick={() => respond.mutate({ consortiumId: c.id, organizationId: org.organizationId, accept: true })}>
              {t('consortia.acceptInvitation')}
            </Button>
            <Popconfirm title={t('consortia.declineInvitationConfirm')} onConfirm={() => respond.mutateAsync({ consortiumId: c.id, organizationId: org.organizationId, accept: false }).catch(() => undefined)}>
              <Button>{t('consortia.declineInvitation')}</Button>
            </Popconfirm>
          </Space>
        </>
      }
    />
  );
}

type Decision = 'approve' | 'return' | 'suspend' | 'reinstate' | 'dissolve';
const decisionsFor: Record<ConsortiumStatus, Decision[]> = {
  draft: [],
  submitted: ['approve', 'return'],
  returned: [],
  active: ['suspend', 'dissolve'],
  suspended: ['reinstate', 'dissolve'],
  dissolved: [],
};

function Review({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<'return' | 'suspend' | 'dissolve' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const review = useMutation(trpc.consortia.review.mutationOptions());
  const label = (d: Decision) => t(`consortia.decisions.${d}`);

  const decide = async (decision: Decision, reason?: string) => {
    try {
      await review.mutateAsync(decision === 'approve' || decision === 'reinstate' ? { consortiumId: c.id, decision } : { consortiumId: c.id, decision, reason: reason ?? '' });
      void message.success(t('consortia.decided', { decision: label(decision) }));
      setAsking(null);
    } catch (error) {
      if (asking && applyFieldErrors(form, error)) return;
      void message.error(messageOf(error));
      setAsking(null);
    }
    void refresh();
  };

  const available = decisionsFor[c.status];
  return (
    <Card title={h2(t('consortia.reviewTitle'))} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('consortia.reviewIntro')}</Typography.Paragraph>
      {available.length === 0 ? (
        <Typography.Text type="secondary">{t('consortia.noReviewActions')}</Typography.Text>
      ) : (
        <Space wrap>
          {available.map((d) =>
            d === 'approve' || d === 'reinstate' ? (
              <Popconfirm key={d} title={t(`consortia.${d}Confirm`, { name: c.name })} onConfirm={() => decide(d)}>
                <Button type="primary" loading={review.isPending && review.variables.decision === d}>
                  {label(d)}
                </Button>
              </Popconfirm>
            ) : (
              <Button key={d} danger onClick={() => setAsking(d)}>
                {label(d)}
              </Button>
            ),
          )}
        </Space>
      )}
      <Modal
        open={asking !== null}
        title={asking ? t('consortia.reasonTitle', { decision: label(asking), name: c.name }) : ''}
        okText={asking ? label(asking) : ''}
        cancelText={t('consortia.reviewCancel')}
        okButtonProps={{ danger: true, loading: review.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ reason: '' }} onFinish={(v) => asking && void decide(asking, v.reason.trim())} clearOnDestroy>
          <Form.Item name="reason" label={t('consortia.reasonLabel')} rules={[{ required: true, whitespace: true, min: 2, message: t('consortia.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('consortia.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function LeadTools({ c, lead, leads, onActAs, children }: { c: Detail; lead: Org; leads: Org[]; onActAs: (id: string) => void; children: ReactNode }) {
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
    <Card title={h2(t('consortia.leadTools'))} style={{ marginBottom: 16 }}>
      {leads.length > 1 && (
        <div style={{ marginBottom: 16 }}>
          <label htmlFor="acting-lead" style={{ marginInlineEnd: 8 }}>
            {t('consortia.actFor')}
          </label>
          <Select id="acting-lead" value={lead.organizationId} onChange={onActAs} options={leads.map((l) => ({ value: l.organizationId, label: l.name }))} style={{ minWidth: 220, maxWidth: '100%' }} />
        </div>
      )}
      {canSubmit && (
        <div style={{ marginBottom: 16 }}>
          <Popconfirm title={t('consortia.submitConfirm')} onConfirm={() => submit.mutateAsync({ consortiumId: c.id, organizationId: lead.organizationId }).catch(() => undefined)}>
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
  const taken = new Set(c.members.filter((m) => m.status === 'active' || m.status === 'applied' || m.status === 'invited').map((m) => m.organizationId));
  const options = (orgs.data?.items ?? [])
    .filter((o) => !taken.has(o.id))
    .map((o) => ({ value: o.id, label: o.name + t('consortia.paren', { text: `${t(`kinds.${o.kind}`)} · ${t(`provinces.${o.provinceCode}`)} ${o.regionName}` }), name: o.name }));

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
      {h3(t('consortia.invite'))}
      <Form<InviteValues>
        form={form}
        layout="vertical"
        initialValues={{ organizationId: undefined, role: c.status === 'draft' || c.status === 'returned' ? 'lead' : 'member', councilPosition: 'director' }}
        onFinish={(v) => v.organizationId && invite.mutate({ consortiumId: c.id, actingOrganizationId: lead.organizationId, organizationId: v.organizationId, role: v.role, councilPosition: v.role === 'council' ? v.councilPosition : null })}
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' }}
      >
        <Form.Item name="organizationId" label={t('consortia.inviteOrg')} rules={[{ required: true, message: t('consortia.choose', { field: t('consortia.inviteOrg') }) }]} style={{ flex: '2 1 280px', minWidth: 0 }}>
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

function Pending({ c, lead }: { c: Detail; lead: Org }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const decide = useMutation(
    trpc.consortia.decideApplication.mutationOptions({
      onSuccess: (_, input) => {
        const name = c.members.find((m) => m.organizationId === input.organizationId)?.name ?? '';
        void refresh().then(() => message.success(input.accept ? t('consortia.accepted', { name }) : t('consortia.declined')));
      },
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const applications = c.members.filter((m) => m.status === 'applied');
  const invitations = c.members.filter((m) => m.status === 'invited');
  const busy = (orgId: string) => decide.isPending && decide.variables.organizationId === orgId;

  return (
    <section aria-label={t('consortia.pendingTitle')}>
      {h3(t('consortia.applications'))}
      {applications.length === 0 ? (
        <Typography.Text type="secondary">{t('consortia.noApplications')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {applications.map((m) => (
            <li key={m.organizationId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <span>
                  <Link to={`/orgs/${m.organizationId}`}>{m.name}</Link>
                  <Typography.Text type="secondary">{t('consortia.paren', { text: `${t(`kinds.${m.kind}`)} · ${t(`provinces.${m.provinceCode}`)} ${m.regionName}` })}</Typography.Text>
                </span>
                {m.message && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{t('consortia.labelled', { label: t('consortia.applicationMessage'), text: m.message })}</Typography.Text>}
                <Space wrap>
                  <Button size="small" type="primary" loading={busy(m.organizationId) && decide.variables?.accept === true} onClick={() => decide.mutate({ consortiumId: c.id, actingOrganizationId: lead.organizationId, organizationId: m.organizationId, accept: true })}>
                    {t('consortia.accept')}
                  </Button>
                  <Popconfirm
                    title={t('consortia.declineConfirm', { name: m.name })}
                    onConfirm={() => decide.mutateAsync({ consortiumId: c.id, actingOrganizationId: lead.organizationId, organizationId: m.organizationId, accept: false }).catch(() => undefined)}
                  >
                    <Button size="small">{t('consortia.decline')}</Button>
                  </Popconfirm>
                </Space>
              </Space>
            </li>
          ))}
        </ul>
      )}
      {h3(t('consortia.invitations'))}
      {invitations.length === 0 ? (
        <Typography.Text type="secondary">{t('consortia.noInvitations')}</Typography.Text>
      ) : (
        <ul style={{ paddingInlineStart: 20, margin: 0 }}>
          {invitations.map((m) => (
            <li key={m.organizationId}>
              <Link to={`/orgs/${m.organizationId}`}>{m.name}</Link>
              <Typography.Text type="secondary">{` · ${t('consortia.invitedAs', { role: t(`consortia.roles.${m.role}`) + (m.councilPosition ? t('consortia.paren', { text: t(`consortia.positions.${m.councilPosition}`) }) : '') })}`}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyOrganizations({ c, active, applied, mayApply, byOrg }: { c: Detail; active: Org[]; applied: Org[]; mayApply: Org[]; byOrg: Map<string, Member> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ organizationId?: string; message: string }>();
  const leave = useMutation(
    trpc.consortia.leave.mutationOptions({ onSuccess: () => void refresh().then(() => message.success(t('consortia.left'))), onError: (e) => void message.error(messageOf(e)) }),
  );
  const apply = useMutation(
    trpc.consortia.applyToJoin.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        void refresh().then(() => message.success(t('consortia.applied')));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  // the last active lead cannot leave (the server refuses): offer it only when another lead remains
  const leadCount = c.members.filter((m) => m.role === 'lead' && m.status === 'active').length;
  const mayLeave = (o: Org) => c.status !== 'dissolved' && !(byOrg.get(o.organizationId)?.role === 'lead' && leadCount <= 1);
  const roleOf = (o: Org) => {
    const m = byOrg.get(o.organizationId);
    return m ? t(`consortia.roles.${m.role}`) + (m.councilPosition ? t('consortia.paren', { text: t(`consortia.positions.${m.councilPosition}`) }) : '') : '';
  };

  return (
    <Card title={h2(mayApply.length > 0 && active.length === 0 ? t('consortia.applyTitle') : t('consortia.mine'))} style={{ marginBottom: 16 }}>
      {active.map((o) => (
        <div key={o.organizationId} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
          <Typography.Text>{t('consortia.memberOf', { name: o.name, role: roleOf(o) })}</Typography.Text>
          {mayLeave(o) && (
            <Popconfirm title={t('consortia.leaveConfirm', { name: o.name })} okButtonProps={{ danger: true }} onConfirm={() => leave.mutateAsync({ consortiumId: c.id, organizationId: o.organizationId }).catch(() => undefined)}>
              <Button size="small" danger aria-label={t('consortia.leaveAs', { name: o.name })} loading={leave.isPending && leave.variables.organizationId === o.organizationId}>
                {t('consortia.leave')}
              </Button>
            </Popconfirm>
          )}
        </div>
      ))}
      {applied.map((o) => (
        <Alert key={o.organizationId} type="info" showIcon title={t('consortia.applyPending', { name: o.name })} style={{ marginBottom: 8 }} />
      ))}
      {mayApply.length > 0 && (
        <>
          {active.length > 0 && h3(t('consortia.applyTitle'))}
          <Typography.Paragraph type="secondary">{t('consortia.applyIntro')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ organizationId: mayApply[0]?.organizationId, message: '' }}
            onFinish={(v) => v.organizationId && apply.mutate({ consortiumId: c.id, organizationId: v.organizationId, message: v.message.trim() })}
            style={{ maxWidth: 640 }}
          >
            <Form.Item name="organizationId" label={t('consortia.applyOrg')} rules={[{ required: true, message: t('consortia.choose', { field: t('consortia.applyOrg') }) }]}>
              <Select options={mayApply.map((o) => ({ value: o.organizationId, label: o.name }))} />
            </Form.Item>
            <Form.Item name="message" label={t('consortia.applyMessage')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('consortia.applyMessagePlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={apply.isPending}>
              {t('consortia.applySend')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

function Facts({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const none = t('consortia.none');
  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: t('consortia.kind'), children: t(`consortia.kinds.${c.kind}`) },
    { key: 'level', label: t('consortia.level'), children: t(`consortia.levels.${c.level}`) },
    { key: 'industry', label: t('consortia.industry'), children: c.industryCode ? `${c.industryCode} ${c.industryName ?? ''}` : none },
    { key: 'gaojingjian', label: t('consortia.gaojingjian'), children: c.gaojingjian ?? none },
    { key: 'anchor', label: t('consortia.anchorRegion'), children: `${t(`provinces.${c.anchorProvinceCode}`)} · ${c.anchorRegionName}` },
    { key: 'founded', label: t('consortia.foundedOn'), children: c.foundedOn ?? none },
    { key: 'proposer', label: t('consortia.proposer'), children: c.proposerName },
    ...(c.approvedAt ? [{ key: 'approved', label: t('consortia.approvedAt'), children: day(c.approvedAt) }] : []),
  ];
  return (
    <>
      <Card title={h2(t('consortia.facts'))} style={{ marginBottom: 16 }}>
        <Descriptions items={items} column={{ xs: 1, sm: 1, md: 2 }} size="small" />
      </Card>
      <Card title={h2(t('consortia.goalsAndCharter'))} style={{ marginBottom: 16 }}>
        {h3(t('consortia.goals'))}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} type={c.goals ? undefined : 'secondary'}>
          {c.goals || t('consortia.noGoals')}
        </Typography.Paragraph>
        {h3(t('consortia.charter'))}
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} type={c.charter ? undefined : 'secondary'} ellipsis={c.charter.length > 600 ? { rows: 8, expandable: 'collapsible' } : false}>
          {c.charter || t('consortia.noCharter')}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/** The map shows Beijing and Tianjin districts and Hebei prefectures: a Hebei county counts towards its prefecture. */
const mapRegionOf = (m: Member) => (m.provinceCode === '13' && m.regionParentCode && m.regionParentCode !== '130000' ? m.regionParentCode : m.regionCode);

function Members({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const exportFile = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.consortia.exportMembers.queryOptions({ id: c.id }), staleTime: 0 }),
    onSuccess: (file) => downloadBase64(file.filename, file.base64),
    onError: (e) => void message.error(messageOf(e)),
  });
  // the member list is public once the consortium is approved
  const exportable = c.status === 'active' || c.status === 'suspended' || c.status === 'dissolved';
  const active = c.members.filter((m) => m.status === 'active');
  const crossRegion = active.filter((m) => m.provinceCode !== c.anchorProvinceCode).length;
  const values = useMemo(() => {
    const v: Record<string, number> = {};
    for (const m of c.members) if (m.status === 'active') v[mapRegionOf(m)] = (v[mapRegionOf(m)] ?? 0) + 1;
    return v;
  }, [c.members]);
  const format = (n: number) => t('consortia.memberTotal', { count: n });

  const columns = (role: ConsortiumRole): TableColumnsType<Member> => [
    { title: t('consortia.org'), key: 'name', render: (_, m) => <Link to={`/orgs/${m.organizationId}`}>{m.name}</Link> },
    ...(role === 'council' ? [{ title: t('consortia.position'), key: 'position', width: 110, render: (_: unknown, m: Member) => (m.councilPosition ? t(`consortia.positions.${m.councilPosition}`) : '—') }] : []),
    { title: t('consortia.orgKind'), key: 'kind', width: 80, render: (_, m) => t(`kinds.${m.kind}`) },
    { title: t('consortia.region'), key: 'region', responsive: ['sm'], render: (_, m) => `${t(`provinces.${m.provinceCode}`)} · ${m.regionName}` },
    { title: t('consortia.joinedAt'), key: 'joined', width: 120, responsive: ['md'], render: (_, m) => (m.joinedAt ? day(m.joinedAt) : '—') },
  ];

  return (
    <Card
      title={h2(t('consortia.membersTitle'))}
      extra={
        exportable && (
          <Button size="small" onClick={() => exportFile.mutate()} loading={exportFile.isPending}>
            {t('consortia.exportMembers')}
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[24, 16]} style={{ marginBottom: 8 }}>
        <Col xs={24} lg={9}>
          <Row gutter={[16, 16]}>
            <Col span={12}>
              <Statistic title={t('common.total')} value={active.length} />
            </Col>
            {orgKinds.map((k) => (
              <Col span={12} key={k}>
                <Statistic title={k === 'partner' ? t('consortia.others') : t(`kinds.${k}`)} value={active.filter((m) => m.kind === k).length} />
              </Col>
            ))}
            <Col span={24}>
              <Statistic title={t('consortia.crossRegionTitle')} value={crossRegion} />
              <Typography.Text type="secondary">{t('consortia.crossRegionHint', { province: t(`provinces.${c.anchorProvinceCode}`) })}</Typography.Text>
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={15}>
          {h3(t('consortia.mapTitle'))}
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
            <JjjMap values={values} title={t('consortia.mapTitle')} height={380} format={format} />
          </Suspense>
        </Col>
      </Row>

      {roles.map((role) => {
        const rows = active.filter((m) => m.role === role).toSorted((a, b) => positionRank(a) - positionRank(b));
        return (
          <div key={role}>
            {h3(t('consortia.withCount', { label: t(`consortia.roleGroups.${role}`), count: rows.length }))}
            {rows.length === 0 ? (
              <Typography.Text type="secondary">{t('consortia.noMembersInRole')}</Typography.Text>
            ) : (
              <Table<Member>
                rowKey="organizationId"
                size="small"
                pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false, simple: true } : false}
                dataSource={rows}
                columns={columns(role)}
              />
            )}
          </div>
        );
      })}
    </Card>
  );
}

const positionRank = (m: Member) => (m.councilPosition ? positions.indexOf(m.councilPosition) : positions.length);

type ItemValues = { kind: ConsortiumItemKind; title: string; description: string };

function Items({ c, lead }: { c: Detail; lead: Org | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  const add = useMutation(
    trpc.consortia.addItem.mutationOptions({
      onSuccess: () => {
        form.resetFields(['title', 'description']);
        void refresh().then(() => message.success(t('consortia.itemAdded')));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  const remove = useMutation(
    trpc.consortia.removeItem.mutationOptions({ onSuccess: () => void refresh().then(() => message.success(t('consortia.removed'))), onError: (e) => void message.error(messageOf(e)) }),
  );
  const editable = lead && c.status !== 'dissolved';

  return (
    <Card title={h2(t('consortia.itemsTitle'))} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('consortia.itemsIntro')}</Typography.Paragraph>
      <Row gutter={[24, 0]}>
        {itemKinds.map((k) => {
          const rows = c.items.filter((i) => i.kind === k);
          return (
            <Col xs={24} md={8} key={k}>
              {h3(t('consortia.withCount', { label: t(`consortia.itemKinds.${k}`), count: rows.length }))}
              {rows.length === 0 ? (
                <Typography.Text type="secondary">{t('consortia.noItems')}</Typography.Text>
              ) : (
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  {rows.map((i) => (
                    <li key={i.id} style={{ marginBottom: 8 }}>
                      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                        {i.title}
                      </Typography.Text>
                      {editable && (
                        <Popconfirm title={t('consortia.removeConfirm', { title: i.title })} okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync({ consortiumId: c.id, organizationId: lead.organizationId, itemId: i.id }).catch(() => undefined)}>
                          <Button size="small" type="link" danger aria-label={t('consortia.labelled', { label: t('consortia.remove'), text: i.title })}>
                            {t('consortia.remove')}
                          </Button>
                        </Popconfirm>
                      )}
                      {i.description && (
                        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                          {i.description}
                        </Typography.Paragraph>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Col>
          );
        })}
      </Row>
      {editable && (
        <>
          {h3(t('consortia.addItem'))}
          <Form<ItemValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'product', title: '', description: '' }}
            onFinish={(v) => add.mutate({ consortiumId: c.id, organizationId: lead.organizationId, kind: v.kind, title: v.title.trim(), description: v.description.trim() })}
            style={{ maxWidth: 720 }}
          >
            <Row gutter={16}>
              <Col xs={24} sm={8}>
                <Form.Item name="kind" label={t('consortia.itemKind')}>
                  <Select options={itemKinds.map((k) => ({ value: k, label: t(`consortia.itemKinds.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item name="title" label={t('consortia.itemTitle')} rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('consortia.required', { field: t('consortia.itemTitle') }) }]}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="description" label={t('consortia.itemDescription')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              {t('consortia.itemAdd')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

function History({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const items = c.events.toReversed().map((e) => {
    const detail = e.detail && typeof e.detail === 'object' ? (e.detail as Record<string, unknown>) : {};
    const extra = [
      typeof detail.role === 'string' && roles.some((r) => r === detail.role) ? t(`consortia.roles.${detail.role}`) : null,
      typeof detail.title === 'string' ? `“${detail.title}”` : null,
      typeof detail.reason === 'string' ? t('consortia.reason', { reason: detail.reason }) : null,
    ].filter(Boolean);
    return {
      key: e.id,
      color: ['approve', 'joined', 'reinstate'].includes(e.type) ? 'green' : ['return', 'suspend', 'dissolve', 'application_declined', 'invitation_declined', 'left'].includes(e.type) ? 'red' : 'blue',
      content: (
        <>
          <Typography.Text strong>{t(`consortia.events.${e.type}`, { defaultValue: e.type })}</Typography.Text>
          {e.organizationName && <Typography.Text>{` · ${e.organizationName}`}</Typography.Text>}
          {extra.length > 0 && <Typography.Text>{` · ${extra.join(' · ')}`}</Typography.Text>}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
          </Typography.Text>
        </>
      ),
    };
  });
  return (
    <Card title={h2(t('consortia.historyTitle'))} style={{ marginBottom: 16 }}>
      <Timeline items={items} />
    </Card>
  );
}
