import { useQuery } from '@tanstack/react-query';
import { Col, Row } from 'antd';
import './home.css';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../lib/trpc.ts';
import { QueryState } from '../components/query-state.tsx';
import { ToneTag } from '../components/tone-tag.tsx';
import { Heading } from '../components/heading.tsx';

const provinceCodes = ['11', '12', '13'] as const;
// antd's colorTextDescription as set in app.tsx (4.5:1 on white)
const secondary = '#636363';

/** A count with its caption, as antd's Statistic draws it (which would add its own code to the first screen). */
function Figure({ title, value, small = false }: { title: string; value: number; small?: boolean }) {
  return (
    <div>
      <div style={{ color: secondary, fontSize: 14, marginBottom: 4 }}>{title}</div>
      <div style={{ fontSize: small ? 20 : 24, fontVariantNumeric: 'tabular-nums' }}>{value.toLocaleString('en-US')}</div>
    </div>
  );
}

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
        <Heading id="home-title" level={1}>
          {t('home.title')}
        </Heading>
        <p style={{ maxWidth: 820, fontSize: 15, margin: '0 0 1em' }}>{t('home.intro')}</p>
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <section className="ronghe-panel">
            <Heading style={{ fontSize: 16 }}>{t('home.orgs')}</Heading>
            <div className="ronghe-panel-body">
              <QueryState query={stats} rows={2}>
                <Figure title={t('common.total')} value={orgTotal} />
                <Row gutter={8} style={{ marginTop: 12 }}>
                  {provinceCodes.map((p) => (
                    <Col span={8} key={p}>
                      <Figure title={t(`provinces.${p}`)} value={orgsIn(p)} small />
                    </Col>
                  ))}
                </Row>
              </QueryState>
            </div>
          </section>
        </Col>
        <Col xs={24} md={12}>
          <section className="ronghe-panel">
            <Heading style={{ fontSize: 16 }}>{t('home.regions')}</Heading>
            <div className="ronghe-panel-body">
              <QueryState query={regions} rows={2}>
                <Figure title={t('common.total')} value={regions.data?.length ?? 0} />
                <Row gutter={8} style={{ marginTop: 12 }}>
                  {provinceCodes.map((p) => (
                    <Col span={8} key={p}>
                      <Figure title={t(`provinces.${p}`)} value={countiesIn(p)} small />
                    </Col>
                  ))}
                </Row>
              </QueryState>
            </div>
          </section>
        </Col>
        <Col span={24}>
          <section className="ronghe-panel">
            <Heading style={{ fontSize: 16 }}>{t('home.targets')}</Heading>
            <div className="ronghe-panel-body">
              <p style={{ margin: '0 0 1em', color: secondary }}>{t('home.targetsHint')}</p>
              <QueryState query={targets} rows={8}>
                {/* a plain table: antd's Table would add ~40 kB to the first screen for 16 static rows */}
                <table className="ronghe-table">
                  <thead>
                    <tr>
                      <th scope="col" style={{ width: 64 }}>
                        {t('home.code')}
                      </th>
                      <th scope="col">{t('home.target')}</th>
                      <th scope="col" style={{ width: 110 }}>
                        {t('home.target2027')}
                      </th>
                      <th scope="col" style={{ width: 140 }}>
                        {t('home.source')}
                      </th>
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
            </div>
          </section>
        </Col>
      </Row>
    </>
  );
}
