import { Link, useParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag, type Tone } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { CohortFacts, schoolsOf, useNames } from './shared.tsx';

type Part = { key: string; points: number; max: number; level: string };

/** "专业 40/40（同一专业）": one part of the score with why. */
function usePartText() {
  const { t } = useTranslation();
  return (p: Part) => {
    const label = t(`cohorts.parts.${p.key}`, { defaultValue: p.key });
    const base = { label, points: p.points, max: p.max };
    if (p.key === 'major') return t('cohorts.partLevel', { ...base, level: t(`cohorts.majorFits.${p.level}`, { defaultValue: p.level }) });
    if (p.key === 'region')
      return t('cohorts.partLevel', { ...base, level: t(`cohorts.regionFits.${p.level}`, { defaultValue: p.level }) });
    // period and headcount: the level is a percentage; say it only when short of full
    if ((p.key === 'period' || p.key === 'headcount') && p.points < p.max)
      return t('cohorts.partLevel', { ...base, level: t('cohorts.percent', { value: p.level }) });
    return t('cohorts.part', base);
  };
}

const toneOf = (total: number): Tone => (total >= 75 ? 'green' : total >= 50 ? 'blue' : 'grey');

/** /cohorts/:id/needs: needs recommended for one cohort, best first, each with the parts of its score. */
export default function CohortNeedsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const me = useSignedInUser();
  const names = useNames();
  const partText = usePartText();
  const schools = schoolsOf(me.memberships).schools;
  // there is no cohorts.get: find the cohort among the cohorts of the user's schools
  const mine = useQueries({ queries: schools.map((s) => trpc.cohorts.list.queryOptions({ organizationId: s.organizationId })) });
  const cohort = mine.flatMap((q) => q.data ?? []).find((c) => c.id === id);
  const looking = mine.some((q) => q.isPending);
  const recs = useQuery(trpc.cohorts.recommendNeeds.queryOptions({ cohortId: id }));

  return (
    <>
      <Link to="/cohorts">← {t('cohorts.back')}</Link>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('cohorts.recTitle')}
      </Typography.Title>
      <Card title={<Heading>{t('cohorts.cohortFacts')}</Heading>} style={{ marginBottom: 16 }}>
        {cohort ? (
          <CohortFacts cohort={cohort} />
        ) : looking ? (
          <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>
        ) : (
          <Alert type="warning" showIcon title={t('cohorts.cohortMissing')} />
        )}
      </Card>
      <Card title={<Heading>{t('cohorts.recTitle')}</Heading>}>
        <Typography.Paragraph type="secondary">{t('cohorts.recIntro')}</Typography.Paragraph>
        <QueryState query={recs}>
          {(recs.data ?? []).length === 0 ? (
            <Empty
              description={
                <>
                  {t('cohorts.recEmpty')}
                  <br />
                  {t('cohorts.recEmptyHint')}
                </>
              }
            />
          ) : (
            <List
              dataSource={recs.data ?? []}
              rowKey={(r) => r.need.id}
              renderItem={({ need, score }, i) => {
                const left = need.headcount === null ? null : Math.max(0, need.headcount - need.accepted);
                return (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space wrap size={8} style={{ marginBottom: 8 }}>
                        <Typography.Text type="secondary">{t('cohorts.rank', { n: i + 1 })}</Typography.Text>
                        <Heading level={3} style={{ margin: 0 }}>
                          <Link to={`/needs/${need.id}`}>{need.title}</Link>
                        </Heading>
                        <ToneTag tone={toneOf(score.total)}>{t('cohorts.total', { points: score.total })}</ToneTag>
                      </Space>
                      <Descriptions
                        size="small"
                        column={{ xs: 1, sm: 2, lg: 4 }}
                        items={[
                          { key: 'org', label: t('cohorts.enterprise'), children: need.organizationName },
                          { key: 'kind', label: t('cohorts.kind'), children: t(`cohorts.kinds.${need.kind}`, { defaultValue: need.kind }) },
                          { key: 'region', label: t('cohorts.needRegion'), children: names.region(need.regionCode) },
                          {
                            key: 'left',
                            label: t('cohorts.placesLeft'),
                            children: left === null ? t('cohorts.noHeadcount') : t('cohorts.placesLeftValue', { count: left }),
                          },
                          { key: 'deadline', label: t('cohorts.deadline'), children: need.deadline },
                        ]}
                      />
                      <ul
                        aria-label={t('cohorts.scoreParts')}
                        style={{ listStyle: 'none', padding: 0, margin: '4px 0 0', display: 'flex', flexWrap: 'wrap', gap: '4px 16px' }}
                      >
                        {score.parts.map((p) => (
                          <li key={p.key}>
                            <Typography.Text type={p.points > 0 ? undefined : 'secondary'}>{partText(p)}</Typography.Text>
                          </li>
                        ))}
                      </ul>
                    </div>
                  </List.Item>
                );
              }}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
