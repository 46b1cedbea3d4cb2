import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Result, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { standingsOf, statusTones, type Detail, type Org, type Standing, useConsortium, useRefresh } from './shared.tsx';
import { Review } from './review.tsx';
import { LeadTools, Pending } from './lead-tools.tsx';
import { MyOrganizations } from './my-organizations.tsx';
import { Facts, Members } from './members.tsx';
import { Items } from './items.tsx';
import { History } from './history.tsx';

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
        title={
          <Heading level={1} style={{ margin: 0, fontSize: 24 }}>
            {t('consortia.notFoundTitle')}
          </Heading>
        }
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
  const byOrg = standingsOf(c);
  // organisations the viewer may act for: owner or manager; proposing, applying and inviting need them verified
  const managed = (user?.memberships ?? []).filter((m) => m.role === 'owner' || m.role === 'manager');
  const leads = managed.filter((m) => byOrg.get(m.organizationId)?.role === 'lead' && byOrg.get(m.organizationId)?.status === 'active');
  const invited = managed.filter((m) => byOrg.get(m.organizationId)?.status === 'invited');
  const active = managed.filter((m) => byOrg.get(m.organizationId)?.status === 'active');
  const applied = managed.filter((m) => byOrg.get(m.organizationId)?.status === 'applied');
  const mayApply =
    c.status === 'active'
      ? managed.filter((m) => m.status === 'verified' && ['declined', 'left', undefined].includes(byOrg.get(m.organizationId)?.status))
      : [];
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
      {(active.length > 0 || applied.length > 0 || mayApply.length > 0) && (
        <MyOrganizations c={c} active={active} applied={applied} mayApply={mayApply} byOrg={byOrg} />
      )}
      {c.status === 'active' &&
        me.isSuccess &&
        !user?.isPlatformAdmin &&
        active.length + applied.length + invited.length + mayApply.length === 0 && <JoinHint signedIn={user !== null} />}

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

function InvitationNotice({ c, org, member }: { c: Detail; org: Org; member: Standing | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const respond = useMutation(
    trpc.consortia.respond.mutationOptions({
      onSuccess: (_, input) =>
        void refresh().then(() => message.success(t(input.accept ? 'consortia.invitationAccepted' : 'consortia.invitationDeclined'))),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const role = member
    ? t(`consortia.roles.${member.role}`) + (member.councilPosition ? ` · ${t(`consortia.positions.${member.councilPosition}`)}` : '')
    : '';
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
            <Button
              type="primary"
              loading={respond.isPending && respond.variables.accept}
              onClick={() => respond.mutate({ consortiumId: c.id, organizationId: org.organizationId, accept: true })}
            >
              {t('consortia.acceptInvitation')}
            </Button>
            <Popconfirm
              title={t('consortia.declineInvitationConfirm')}
              onConfirm={() =>
                respond.mutateAsync({ consortiumId: c.id, organizationId: org.organizationId, accept: false }).catch(() => undefined)
              }
            >
              <Button>{t('consortia.declineInvitation')}</Button>
            </Popconfirm>
          </Space>
        </>
      }
    />
  );
}
