import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { PageLoading, QueryState } from '../../components/query-state.tsx';

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

/** Where an invitation link lands: sign in (or up) first, then accept or decline. */
export default function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const me = useMe();

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('account.invitationTitle')}
      </Typography.Title>
      {me.isPending ? (
        <PageLoading />
      ) : me.isError ? (
        <QueryState query={me}>{null}</QueryState>
      ) : me.data ? (
        <Respond me={me.data} token={token} />
      ) : (
        <SignedOut token={token} />
      )}
    </div>
  );
}

function SignedOut({ token }: { token: string }) {
  const { t } = useTranslation();
  // base64url tokens need no escaping in a query string; anything odd is escaped all the same
  const next = `/invitations/${encodeURIComponent(token)}`;
  return (
    <Card>
      <Typography.Paragraph>{t('account.invitationIntro')}</Typography.Paragraph>
      <Typography.Paragraph>{t('account.invitationSignedOut')}</Typography.Paragraph>
      <Space wrap>
        <ButtonLink to={`/login?next=${next}`} primary>
          {t('account.signInToAccept')}
        </ButtonLink>
        <ButtonLink to={`/login?tab=signup&next=${next}`}>{t('account.signUpToAccept')}</ButtonLink>
      </Space>
    </Card>
  );
}

/** A link that looks like a button (navigation is a link, for assistive technology and new tabs). */
function ButtonLink({ to, primary = false, children }: { to: string; primary?: boolean; children: string }) {
  const navigate = useNavigate();
  return (
    <Button
      type={primary ? 'primary' : 'default'}
      href={to}
      onClick={(e) => {
        e.preventDefault();
        void navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

function Respond({ me, token }: { me: Me; token: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: async ({ organizationId }) => {
        await refresh();
        await navigate(`/orgs/${organizationId}`);
      },
    }),
  );
  const decline = useMutation(trpc.invitations.decline.mutationOptions({ onSuccess: refresh }));
  // the invitation's details are known when it was sent to this account's email or mobile number
  const invitation = me.invitations.find((i) => i.token === token);
  const failed = accept.error ?? decline.error;
  const busy = accept.isPending || decline.isPending;

  if (decline.isSuccess) {
    return (
      <Card>
        <Result
          status="info"
          title={<span role="status">{t('account.declinedTitle')}</span>}
          subTitle={t('account.declinedBody')}
          extra={<Link to="/account">{t('account.goToAccount')}</Link>}
        />
      </Card>
    );
  }

  return (
    <Card>
      <Typography.Paragraph>
        {invitation
          ? t('account.invitationTo', {
              name: invitation.organizationName,
              kind: t(`kinds.${invitation.organizationKind}`),
              role: t(`account.roles.${invitation.role}`),
            })
          : t('account.invitationIntro')}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('account.signedInAs', { who: [me.name, me.email ?? me.phoneNumber].filter(Boolean).join(' · ') })}
      </Typography.Paragraph>
      {failed && (
        <Alert type="error" showIcon title={t('account.invitationFailed')} description={messageOf(failed)} style={{ marginBottom: 16 }} />
      )}
      <Space wrap>
        <Button
          type="primary"
          loading={accept.isPending}
          disabled={busy}
          onClick={() => {
            decline.reset();
            accept.mutate({ token });
          }}
        >
          {t('account.acceptInvitation')}
        </Button>
        <Button
          loading={decline.isPending}
          disabled={busy}
          onClick={() => {
            accept.reset();
            decline.mutate({ token });
          }}
        >
          {t('account.declineInvitation')}
        </Button>
        <Link to="/account">{t('account.goToAccount')}</Link>
      </Space>
    </Card>
  );
}
