import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../lib/trpc.ts';
import { QueryState } from '../components/query-state.tsx';
import { ToneTag } from '../components/tone-tag.tsx';

const provinceCodes = ['11', '12', '13'] as const;

export function HomePage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const stats = useQuery(trpc.organizations.stats.queryOptions());
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const targets = useQuery(trpc.reference.targets.queryOptions());
  const en = i18n.language === 'en';

  const orgTotal = (stats.data ?? []).reduce((n, s) => n + s.count, 0);
  const orgsIn = (province: string) => (stats.data ?? []).filter((s) => s.provinceCode === province).reduce((n, s) => n + s.count, 0);
  const countiesIn = (province: string) => (regions.data ?? []).filter((r) => r.provinceCode === province && r.level === 'county').length;

  return (
    <>
      <section aria-labelledby="home-title" style={{ marginBottom: 24 }}>
        <Typography.Title id="home-title" level={1} style={{ marginTop: 8 }}>
          {t('home.title')}
        </Typography.Title>
        <Typography.Paragraph style={{ maxWidth: 820, fontSize: 15 }}>{t('home.intro')}</Typography.Paragraph>
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title={t('home.orgs')}>
            <QueryState query={stats} rows={2}>
              <Statistic title={t('common.total')} value={orgTotal} />
              <Row gutter={8} style={{ marginTop: 12 }}>
                {provinceCodes.map((p) => (
                  <Col span={8} key={p}>
                    <Statistic title={t(`provinces.${p}`)} value={orgsIn(p)} styles={{ content: { fontSize: 20 } }} />
                  </Col>
                ))}
              </Row>
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('home.regions')}>
            <QueryState query={regions} rows={2}>
              <Statistic title={t('common.total')} value={regions.data?.length ?? 0} />
              <Row gutter={8} style={{ marginTop: 12 }}>
                {provinceCodes.map((p) => (
                  <Col span={8} key={p}>
                    <Statistic title={t(`provinces.${p}`)} value={countiesIn(p)} styles={{ content: { fontSize: 20 } }} />
                  </Col>
                ))}
              </Row>
            </QueryState>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('home.targets')}>
            <Typography.Paragraph type="secondary">{t('home.targetsHint')}</Typography.Paragraph>
            <QueryState query={targets} rows={8}>
              <Table
                rowKey="code"
                size="small"
                pagination={false}
                dataSource={targets.data}
                columns={[
                  { title: t('home.code'), dataIndex: 'code', width: 70 },
                  { title: t('home.target'), key: 'name', render: (_, r) => (en ? r.nameEn : r.nameZh) },
                  { title: t('home.target2027'), key: 'value', width: 120, render: (_, r) => `${r.targetText}${en ? '' : ` ${r.unit}`}` },
                  {
                    title: t('home.source'),
                    dataIndex: 'source',
                    width: 150,
                    render: (s: 'computed' | 'reported') => <ToneTag tone={s === 'computed' ? 'blue' : 'gold'}>{t(`home.${s}`)}</ToneTag>,
                  },
                ]}
              />
            </QueryState>
          </Card>
        </Col>
      </Row>
    </>
  );
}
