import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { BookingTable } from './booking-tables.tsx';
import { managedOrgs, type Org } from './shared.tsx';

/** /bases/bookings: 预约管理, the requests an organisation's bases received and the bookings it made. */
export default function BookingsPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const title = (
    <Typography.Title level={1} style={{ marginTop: 8 }}>
      {t('base-detail.bookingsTitle')}
    </Typography.Title>
  );
  // managed organisations first: they are the ones that can act
  const managed = managedOrgs(user.memberships, false);
  const others = user.memberships
    .filter((m) => !managed.some((o) => o.organizationId === m.organizationId))
    .map((m) => ({ organizationId: m.organizationId, name: m.name }));
  const orgs = [...managed, ...others];
  return (
    <>
      {title}
      <Typography.Paragraph type="secondary">{t('base-detail.bookingsIntro')}</Typography.Paragraph>
      {orgs.length === 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('base-detail.noOrganization')}
          description={
            <>
              {t('base-detail.noOrganizationBody')}{' '}
              <Link to="/account" style={{ textDecoration: 'underline' }}>
                {t('base-detail.goAccount')}
              </Link>
            </>
          }
        />
      ) : (
        <Bookings orgs={orgs} managed={new Set(managed.map((o) => o.organizationId))} />
      )}
    </>
  );
}

function Bookings({ orgs, managed }: { orgs: Org[]; managed: Set<string> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const [chosen, setChosen] = useState<string | undefined>();
  const org = orgs.find((o) => o.organizationId === chosen) ?? orgs[0];
  const tab = params.get('tab') === 'outgoing' ? 'outgoing' : 'incoming';
  const organizationId = org?.organizationId ?? '';
  const incoming = useQuery(trpc.baseBookings.incoming.queryOptions({ organizationId }, { enabled: !!org }));
  const outgoing = useQuery(trpc.baseBookings.outgoing.queryOptions({ organizationId }, { enabled: !!org }));

  return (
    <Card>
      {orgs.length > 1 && (
        <div style={{ marginBottom: 8, display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          <label htmlFor="bookings-org">{t('base-detail.actingOrg')}</label>
          <Select
            id="bookings-org"
            value={organizationId}
            onChange={setChosen}
            options={orgs.map((o) => ({ value: o.organizationId, label: o.name }))}
            style={{ minWidth: 220, maxWidth: '100%' }}
          />
        </div>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              if (key === 'outgoing') next.set('tab', 'outgoing');
              else next.delete('tab');
              return next;
            },
            { replace: true },
          )
        }
        items={[
          {
            key: 'incoming',
            label: t('base-detail.incoming'),
            children: (
              <QueryState query={incoming}>
                <BookingTable
                  side="incoming"
                  canAct={managed.has(organizationId)}
                  rows={incoming.data ?? []}
                  loading={incoming.isFetching && !incoming.data}
                />
              </QueryState>
            ),
          },
          {
            key: 'outgoing',
            label: t('base-detail.outgoing'),
            children: (
              <QueryState query={outgoing}>
                <BookingTable
                  side="outgoing"
                  canAct={managed.has(organizationId)}
                  rows={outgoing.data ?? []}
                  loading={outgoing.isFetching && !outgoing.data}
                />
                {outgoing.data?.length === 0 && (
                  <Link to="/bases" style={{ display: 'inline-block', marginTop: 8 }}>
                    {t('base-detail.findBases')}
                  </Link>
                )}
              </QueryState>
            ),
          },
        ]}
      />
    </Card>
  );
}
