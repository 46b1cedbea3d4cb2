import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';

/** The commission's landing page: review work first, then the public reference data. Approvals and the dashboard arrive with their issues. */
export default function AdminPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const isAdmin = me.data?.isPlatformAdmin === true;
  // Same input as the verification page's pending tab (QUEUE_LIMIT in verification.tsx), so both read one cache entry;
  // not imported, to keep that page's table code out of this chunk.
  const pending = useQuery({ ...trpc.admin.queue.queryOptions({ status: 'pending', limit: 200 }), enabled: isAdmin });
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const industries = useQuery(trpc.reference.industries.queryOptions());

  const divisions = industries.data?.gbt4754.filter((i) => i.level === 'division').length ?? 0;
  const gaojingjian2021 = industries.data?.gaojingjian.filter((g) => g.framework === '2021_2441_plan') ?? [];

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('admin.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('admin.intro')}</Typography.Paragraph>
      <Typography.Title level={2}>{t('review.workbench')}</Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        <Col xs={24} md={8}>
          <Card title={<Link to="/admin/verification">{t('review.queue')}</Link>} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('review.queueCardIntro')}</Typography.Paragraph>
            {isAdmin ? (
              <QueryState query={pending} rows={1}>
                <Statistic
                  title={t('review.pendingCount')}
                  value={pending.data?.length ?? 0}
                  suffix={(pending.data?.length ?? 0) >= 200 ? '+' : undefined}
                />
              </QueryState>
            ) : (
              <Typography.Text type="secondary">{t('review.adminOnly')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={<Link to="/admin/audit">{t('review.audit')}</Link>} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('review.auditCardIntro')}</Typography.Paragraph>
            {!isAdmin && <Typography.Text type="secondary">{t('review.adminOnly')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={<Link to="/admin/outbox">{t('outbox.title')}</Link>} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('outbox.cardIntro')}</Typography.Paragraph>
            {!isAdmin && <Typography.Text type="secondary">{t('review.adminOnly')}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card title={<Link to="/admin/import">{t('imports.title')}</Link>} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('imports.fileHint')}</Typography.Paragraph>
            {!isAdmin && <Typography.Text type="secondary">{t('review.adminOnly')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <Typography.Title level={2}>{t('admin.reference')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <StatCard query={regions} title={t('admin.regionsCount')} value={regions.data?.length} />
        <StatCard query={majors} title={t('admin.majorCategories')} value={majors.data?.categories.length} />
        <StatCard query={majors} title={t('admin.starterMajors')} value={majors.data?.majors.length} />
        <StatCard query={industries} title={t('admin.industries')} value={divisions} />
        <Col span={24}>
          <Card title={t('admin.gaojingjian')}>
            <QueryState query={industries} rows={2}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                {gaojingjian2021.map((g) => (
                  <ToneTag key={g.seq} tone="blue">
                    {g.name}
                  </ToneTag>
                ))}
              </div>
            </QueryState>
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** One reference-data figure in a quarter-width card. */
function StatCard({ query, title, value }: { query: Parameters<typeof QueryState>[0]['query']; title: string; value: number | undefined }) {
  return (
    <Col xs={12} md={6}>
      <Card>
        <QueryState query={query} rows={1}>
          <Statistic title={title} value={value ?? 0} />
        </QueryState>
      </Card>
    </Col>
  );
}
