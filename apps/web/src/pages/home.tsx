import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import './home.css';
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
              {/* a plain table: antd's Table would add ~40 kB to the first screen for 16 static rows */}
              <table className="ronghe-table">
                <thead>
                  <tr>
                    <th scope="col" style={{ width: 64 }}>{t('home.code')}</th>
                    <th scope="col">{t('home.target')}</th>
                    <th scope="col" style={{ width: 110 }}>{t('home.target2027')}</th>
                    <th scope="col" style={{ width: 140 }}>{t('home.source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {targets.data?.map((r) => (
                    <tr key={r.code}>
                      <td>{r.code}</td>
                      <td>{en ? r.nameEn : r.nameZh}</td>
                      <td>{`${r.targetText}${en ? '' : ` ${r.unit}`}`}</td>
                      <td>
                        <ToneTag tone={r.source === 'computed' ? 'blue' : 'gold'}>{t(`home.${r.source}`)}</ToneTag>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </QueryState>
          </Card>
        </Col>
      </Row>
    </>
  );
}
