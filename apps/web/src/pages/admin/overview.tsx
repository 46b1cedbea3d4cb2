import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { QueryState } from '../../components/query-state.tsx';

/** The commission's landing page. Verification, approvals and the dashboard arrive with their issues. */
export default function AdminPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const industries = useQuery(trpc.reference.industries.queryOptions());

  const divisions = industries.data?.gbt4754.filter((i) => i.level === 'division').length ?? 0;
  const gaojingjian2021 = industries.data?.gaojingjian.filter((g) => g.framework === '2021_2441_plan') ?? [];

  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {t('admin.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('admin.intro')}</Typography.Paragraph>
      <Typography.Title level={3}>{t('admin.reference')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <QueryState query={regions} rows={1}>
              <Statistic title={t('admin.regionsCount')} value={regions.data?.length ?? 0} />
            </QueryState>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <QueryState query={majors} rows={1}>
              <Statistic title={t('admin.majorCategories')} value={majors.data?.categories.length ?? 0} />
            </QueryState>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <QueryState query={majors} rows={1}>
              <Statistic title={t('admin.starterMajors')} value={majors.data?.majors.length ?? 0} />
            </QueryState>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <QueryState query={industries} rows={1}>
              <Statistic title={t('admin.industries')} value={divisions} />
            </QueryState>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('admin.gaojingjian')}>
            <QueryState query={industries} rows={2}>
              {gaojingjian2021.map((g) => (
                <Tag key={g.seq} color="blue" style={{ marginBottom: 8 }}>
                  {g.name}
                </Tag>
              ))}
            </QueryState>
          </Card>
        </Col>
      </Row>
    </>
  );
}
