import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { Heading } from '../../components/heading.tsx';

type Round = RouterOutputs['rounds']['get'];

/** The placements and unplaced groups the caller may see (its own; the organiser's: all, without the choices), with reasons, and every place left. */
export function Results({ data, cohortLabel }: { data: Round; cohortLabel: (c: Round['cohorts'][number]) => string }) {
  const { t } = useTranslation();
  const cohorts = new Map(data.cohorts.map((c) => [c.cohortId, c]));
  const needs = new Map(data.needs.map((n) => [n.needId, n]));
  const label = (cohortId: string) => {
    const c = cohorts.get(cohortId);
    return c ? cohortLabel(c) : cohortId;
  };
  const needTitle = (id: string) => needs.get(id)?.title ?? id;
  const unfilled = data.needs.filter((n) => n.status === 'accepted' && n.placed < n.capacity);
  const results = data.results;
  if (!results) return null;
  return (
    <Card title={<Heading>{t('rounds.resultsTitle')}</Heading>}>
      <ul aria-label={t('rounds.resultsTitle')} style={{ paddingLeft: 20, margin: 0 }}>
        {results.placed.map((p) => (
          <li key={`${p.cohortId}-${p.needId}`}>
            {p.choice === null
              ? t('rounds.placedRowPlain', { cohort: label(p.cohortId), students: p.students, need: needTitle(p.needId) })
              : t('rounds.placedRow', { cohort: label(p.cohortId), students: p.students, need: needTitle(p.needId), choice: p.choice })}
          </li>
        ))}
      </ul>
      {results.unplaced.map((u) => (
        <div key={`${u.cohortId}-${u.reason}`} style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('rounds.unplacedRow', { cohort: label(u.cohortId), students: u.students })}</Typography.Text>
          <Typography.Paragraph style={{ margin: '2px 0' }}>{t(`rounds.reasons.${u.reason}`)}</Typography.Paragraph>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {u.choices.map((c, i) => (
              <li key={c.programId}>
                {i + 1}. {needTitle(c.programId)}：{t(`rounds.outcomes.${c.outcome}`)}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {unfilled.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('rounds.unfilledTitle')}
          </Typography.Title>
          <ul style={{ paddingLeft: 20 }}>
            {unfilled.map((n) => (
              <li key={n.needId}>{t('rounds.unfilled', { need: n.title, free: n.capacity - n.placed })}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
