import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Heading } from '../../components/heading.tsx';
import { regionPath, useBase } from './edit-values.tsx';
import { BaseForm } from './edit-form.tsx';

/** /bases/new and /bases/:id/edit: a manager of a verified organisation describes a base; it is saved as a draft or a new version. */
export default function BaseEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useSignedInUser();
  const [params] = useSearchParams();

  const page = (body: ReactNode) => (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t(id ? 'base-publish.editTitle' : 'base-publish.newTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t(id ? 'base-publish.editIntro' : 'base-publish.newIntro')}</Typography.Paragraph>
      {body}
    </>
  );
  const notice = (title: string, body: string, link?: ReactNode) => (
    <Result status="info" title={<Heading style={{ fontSize: 22 }}>{title}</Heading>} subTitle={body} extra={link} />
  );

  if (id) return page(<EditExisting id={id} />);

  const acting = me.memberships.filter((m) => (m.role === 'owner' || m.role === 'manager') && m.status === 'verified');
  if (acting.length === 0)
    return page(
      notice(
        t('base-publish.needVerifiedTitle'),
        t('base-publish.needVerifiedBody'),
        <Link to="/orgs/new">{t('base-publish.registerOrg')}</Link>,
      ),
    );
  return page(<BaseForm mode="create" orgs={acting} preferredOrg={params.get('org') ?? me.activeOrganizationId ?? undefined} />);
}

function EditExisting({ id }: { id: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const base = useBase(id);
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const code = base.error?.data?.code;
  const back = <Link to="/bases/mine">{t('base-publish.backToMine')}</Link>;

  if (code === 'NOT_FOUND' || code === 'BAD_REQUEST')
    return (
      <Result
        status="404"
        title={<Heading style={{ fontSize: 22 }}>{t('base-publish.notFoundTitle')}</Heading>}
        subTitle={t('base-publish.notFoundBody')}
        extra={back}
      />
    );
  if (!base.data) return <QueryState query={base}>{null}</QueryState>;
  if (!base.data.canManage)
    return (
      <Result
        status="403"
        title={<Heading style={{ fontSize: 22 }}>{t('base-publish.noPermissionTitle')}</Heading>}
        subTitle={t('base-publish.noPermissionBody')}
        extra={back}
      />
    );
  if (!regions.data) return <QueryState query={regions}>{null}</QueryState>;

  const parents = new Map(regions.data.map((r) => [r.code, r.parentCode]));
  return (
    <>
      <Typography.Paragraph>
        <Link to={`/bases/${base.data.id}`}>{base.data.name}</Link>
        {' · '}
        {base.data.ownerName}
      </Typography.Paragraph>
      <BaseForm mode="edit" base={base.data} regionPath={regionPath(base.data.regionCode, (c) => parents.get(c))} />
    </>
  );
}
