import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Descriptions, Empty, Form, List, Result, Select, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { CohortForm } from './cohort-form.tsx';
import { MyApplications } from './my-applications.tsx';
import { schoolsOf, useCohortItems, useCohorts, useNames } from './shared.tsx';

/** /cohorts: a school's student cohorts (list and publish) and its applications to needs. */
export default function CohortsPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const { schools, managed } = schoolsOf(me.memberships);
  const enterprise = me.memberships.some((m) => m.kind === 'enterprise');
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('cohorts.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('cohorts.intro')}</Typography.Paragraph>
      {schools.length === 0 ? (
        <Result
          status="info"
          title={<Heading style={{ fontSize: 22 }}>{t('cohorts.schoolOnlyTitle')}</Heading>}
          subTitle={
            <>
              {t('cohorts.schoolOnlyBody')}
              {enterprise && <> {t('cohorts.enterpriseHint')}</>}
            </>
          }
          extra={enterprise ? <Link to="/needs/mine">{t('cohorts.goNeeds')}</Link> : null}
        />
      ) : (
        <SchoolCohorts schools={schools} managedIds={managed.map((m) => m.organizationId)} preferred={me.activeOrganizationId} />
      )}
    </>
  );
}

function SchoolCohorts({
  schools,
  managedIds,
  preferred,
}: {
  schools: Array<{ organizationId: string; name: string }>;
  managedIds: string[];
  preferred: string | null;
}) {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState(
    () => schools.find((s) => s.organizationId === preferred)?.organizationId ?? schools[0]?.organizationId ?? '',
  );
  return (
    <>
      {schools.length > 1 && (
        <Form layout="vertical" style={{ maxWidth: 420 }}>
          <Form.Item label={t('cohorts.school')} htmlFor="cohorts-school">
            <Select
              id="cohorts-school"
              value={orgId}
              onChange={setOrgId}
              options={schools.map((s) => ({ value: s.organizationId, label: s.name }))}
            />
          </Form.Item>
        </Form>
      )}
      <Tabs
        items={[
          {
            key: 'cohorts',
            label: t('cohorts.tabCohorts'),
            children: (
              <>
                <CohortList organizationId={orgId} />
                {managedIds.includes(orgId) ? (
                  <CohortForm key={orgId} organizationId={orgId} />
                ) : (
                  <Alert type="info" showIcon title={t('cohorts.needVerified')} style={{ marginTop: 16 }} />
                )}
              </>
            ),
          },
          { key: 'applications', label: t('cohorts.tabApplications'), children: <MyApplications organizationId={orgId} /> },
        ]}
      />
    </>
  );
}

function CohortList({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const cohorts = useCohorts(organizationId);
  const names = useNames();
  const items = useCohortItems();
  return (
    <Card title={<Heading>{t('cohorts.listTitle')}</Heading>}>
      <QueryState query={cohorts}>
        {(cohorts.data ?? []).length === 0 ? (
          <Empty description={t('cohorts.empty')} />
        ) : (
          <List
            dataSource={cohorts.data ?? []}
            rowKey="id"
            renderItem={(c) => {
              const name = `${names.majorName(c.majorCode)} ${c.year}`;
              return (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <Space wrap size={8} style={{ marginBottom: 8 }}>
                      <Heading level={3} style={{ margin: 0 }}>
                        <Link to={`/cohorts/${c.id}`}>{name}</Link>
                      </Heading>
                      <ToneTag tone={c.status === 'open' ? 'green' : 'grey'}>{t(`cohorts.statuses.${c.status}`)}</ToneTag>
                      <Link to={`/cohorts/${c.id}/needs`}>{t('cohorts.viewNeeds')}</Link>
                    </Space>
                    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items(c)} />
                  </div>
                </List.Item>
              );
            }}
          />
        )}
      </QueryState>
    </Card>
  );
}
