import { useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, List, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { useMajorNames } from '../needs/shared.tsx';
import { Heading } from '../../components/heading.tsx';
import { OrganizerTools } from './organizer.tsx';
import { Results } from './results.tsx';
import { chinaToday, roundTone } from './shared.tsx';

type Round = RouterOutputs['rounds']['get'];

/**
 * /rounds/:id: a round's participants, invitations to answer, the preferences of the caller's cohorts and needs
 * (only its own: the server seals the others), the organiser's tools, and the results.
 */
export default function RoundPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const round = useQuery(trpc.rounds.get.queryOptions({ id }));
  return <QueryState query={round}>{round.data && <RoundView data={round.data} />}</QueryState>;
}

function RoundView({ data }: { data: Round }) {
  const { t } = useTranslation();
  const { nameOf } = useMajorNames();
  const { round } = data;
  const cohortLabel = (c: Round['cohorts'][number]) => `${c.organizationName} · ${c.majorCode} ${nameOf(c.majorCode)} · ${c.year}级`;
  const today = chinaToday();
  const accepted = {
    needs: data.needs.filter((n) => n.status === 'accepted'),
    cohorts: data.cohorts.filter((c) => c.status === 'accepted'),
  };
  const entryTag = (status: Round['needs'][number]['status']) =>
    status !== 'accepted' && <ToneTag tone={status === 'invited' ? 'gold' : 'grey'}>{t(`rounds.entryStatuses.${status}`)}</ToneTag>;
  return (
    <>
      <Space wrap align="center" size={12}>
        <Typography.Title level={1} style={{ marginTop: 8, marginBottom: 8 }}>
          {round.title}
        </Typography.Title>
        <ToneTag tone={roundTone[round.status]}>{t(`rounds.statuses.${round.status}`)}</ToneTag>
      </Space>
      <Typography.Paragraph type="secondary">
        {t('rounds.dates', { from: round.preferencesOpenOn, to: round.preferencesCloseOn, results: round.resultsOn })}
      </Typography.Paragraph>
      {round.status === 'open' && today < round.preferencesOpenOn && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('rounds.waitForDates', { from: round.preferencesOpenOn, to: round.preferencesCloseOn })}
        />
      )}
      {round.status === 'open' && today > round.preferencesCloseOn && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('rounds.datesOver', { to: round.preferencesCloseOn })} />
      )}
      {data.organizer && <OrganizerTools data={data} />}
      <Card title={<Heading>{t('rounds.needsTitle')}</Heading>} style={{ marginBottom: 16 }}>
        <List
          dataSource={data.needs}
          locale={{ emptyText: t('rounds.noneVisible') }}
          rowKey="needId"
          renderItem={(n) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <Typography.Text strong>{n.title}</Typography.Text>
                  <span>{n.organizationName}</span>
                  <ToneTag tone="blue">
                    {data.results
                      ? t('rounds.placed', { placed: n.placed, capacity: n.capacity })
                      : t('rounds.capacity', { count: n.capacity })}
                  </ToneTag>
                  {entryTag(n.status)}
                  {n.status === 'accepted' && round.status === 'open' && (data.organizer || n.mine) && (
                    <ToneTag tone={n.rankedAt ? 'green' : 'grey'}>{n.rankedAt ? t('rounds.ranked') : t('rounds.notRanked')}</ToneTag>
                  )}
                </Space>
                {n.mine && n.status === 'invited' && round.status === 'draft' && (
                  <InvitationAnswer roundId={round.id} kind="need" id={n.needId} prompt={t('rounds.invitedNeed', { title: n.title })} />
                )}
                {n.mine && n.status === 'accepted' && round.status === 'open' && (
                  <RankingForm roundId={round.id} need={n} cohorts={accepted.cohorts} cohortLabel={cohortLabel} />
                )}
              </div>
            </List.Item>
          )}
        />
      </Card>
      <Card title={<Heading>{t('rounds.cohortsTitle')}</Heading>} style={{ marginBottom: 16 }}>
        <List
          dataSource={data.cohorts}
          locale={{ emptyText: t('rounds.noneVisible') }}
          rowKey="cohortId"
          renderItem={(c) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <Typography.Text strong>{cohortLabel(c)}</Typography.Text>
                  <span>{t('rounds.slots', { count: c.slots })}</span>
                  {entryTag(c.status)}
                  {c.status === 'accepted' && round.status !== 'draft' && (data.organizer || c.mine) && (
                    <ToneTag tone={c.submittedAt ? 'green' : 'grey'}>
                      {c.submittedAt ? t('rounds.submitted') : t('rounds.notSubmitted')}
                    </ToneTag>
                  )}
                </Space>
                {c.mine && c.status === 'invited' && round.status === 'draft' && (
                  <InvitationAnswer roundId={round.id} kind="cohort" id={c.cohortId} prompt={t('rounds.invitedCohort')} />
                )}
                {c.mine && c.status === 'accepted' && round.status === 'open' && (
                  <PreferencesForm roundId={round.id} cohort={c} needs={accepted.needs} label={cohortLabel(c)} />
                )}
              </div>
            </List.Item>
          )}
        />
      </Card>
      {data.results ? (
        <Results data={data} cohortLabel={cohortLabel} />
      ) : (
        round.status !== 'draft' && round.status !== 'open' && <Alert type="info" showIcon title={t('rounds.resultsPending')} />
      )}
    </>
  );
}

function useSave(done: 'rounds.saved' | 'rounds.answered' = 'rounds.saved') {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string | null>(null);
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: trpc.rounds.pathKey() }).then(() => message.success(t(done)));
  const onError = (e: unknown) => setFailure(messageOf(e));
  return { failure, setFailure, onSuccess, onError };
}

/** The owner's answer to an invitation: accept (a need: and whether it takes unranked cohorts, off unless ticked) or decline. */
function InvitationAnswer({ roundId, kind, id, prompt }: { roundId: string; kind: 'need' | 'cohort'; id: string; prompt: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [acceptUnranked, setAcceptUnranked] = useState(false);
  const { failure, setFailure, onSuccess, onError } = useSave('rounds.answered');
  const respond = useMutation(trpc.rounds.respond.mutationOptions({ onSuccess, onError }));
  const answer = (accept: boolean) => {
    setFailure(null);
    respond.mutate({ roundId, kind, id, accept, acceptUnranked: kind === 'need' && accept && acceptUnranked });
  };
  return (
    <div style={{ marginTop: 8 }} role="group" aria-label={prompt}>
      <Typography.Paragraph style={{ margin: '0 0 6px' }}>{prompt}</Typography.Paragraph>
      {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginBottom: 8 }} />}
      <Space wrap>
        {kind === 'need' && (
          <Checkbox checked={acceptUnranked} onChange={(e) => setAcceptUnranked(e.target.checked)}>
            {t('rounds.acceptUnranked')}
          </Checkbox>
        )}
        <Button type="primary" loading={respond.isPending} onClick={() => answer(true)}>
          {t('rounds.acceptInvitation')}
        </Button>
        <Button loading={respond.isPending} onClick={() => answer(false)}>
          {t('rounds.declineInvitation')}
        </Button>
      </Space>
    </div>
  );
}

/** A school's ranked needs for one cohort: the order of choosing is the order of preference. */
function PreferencesForm({
  roundId,
  cohort,
  needs,
  label,
}: {
  roundId: string;
  cohort: Round['cohorts'][number];
  needs: Round['needs'];
  label: string;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [value, setValue] = useState<string[]>(cohort.preferences);
  const { failure, setFailure, onSuccess, onError } = useSave();
  const save = useMutation(trpc.rounds.submitPreferences.mutationOptions({ onSuccess, onError }));
  const id = `prefs-${cohort.cohortId}`;
  return (
    <div style={{ marginTop: 8 }}>
      <label htmlFor={id}>{t('rounds.preferencesFor', { cohort: label })}</label>
      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px' }}>
        {t('rounds.preferencesIntro')}
      </Typography.Paragraph>
      {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginBottom: 8 }} />}
      <Space wrap style={{ width: '100%' }}>
        <Select
          id={id}
          mode="multiple"
          style={{ minWidth: 280, maxWidth: '100%' }}
          value={value}
          onChange={setValue}
          maxCount={20}
          options={needs.map((n) => ({
            value: n.needId,
            label: `${value.includes(n.needId) ? `${value.indexOf(n.needId) + 1}. ` : ''}${n.organizationName} · ${n.title}`,
          }))}
        />
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => {
            setFailure(null);
            save.mutate({ roundId, cohortId: cohort.cohortId, needIds: value });
          }}
        >
          {t('rounds.savePreferences')}
        </Button>
      </Space>
      {value.length > 0 && (
        <ol aria-label={t('rounds.preferencesTitle')} style={{ margin: '6px 0 0', paddingLeft: 20 }}>
          {value.map((needId) => {
            const n = needs.find((x) => x.needId === needId);
            return <li key={needId}>{n ? `${n.organizationName} · ${n.title}` : needId}</li>;
          })}
        </ol>
      )}
    </div>
  );
}

/** An enterprise's ranked cohorts for one need, and whether it takes unranked cohorts that qualify. */
function RankingForm({
  roundId,
  need,
  cohorts,
  cohortLabel,
}: {
  roundId: string;
  need: Round['needs'][number];
  cohorts: Round['cohorts'];
  cohortLabel: (c: Round['cohorts'][number]) => string;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [value, setValue] = useState<string[]>(need.ranking);
  const [acceptUnranked, setAcceptUnranked] = useState(need.acceptUnranked);
  const { failure, setFailure, onSuccess, onError } = useSave();
  const save = useMutation(trpc.rounds.submitRanking.mutationOptions({ onSuccess, onError }));
  const id = `ranking-${need.needId}`;
  return (
    <div style={{ marginTop: 8 }}>
      <label htmlFor={id}>{t('rounds.rankingFor', { title: need.title })}</label>
      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px' }}>
        {t('rounds.rankingIntro')}
      </Typography.Paragraph>
      {failure && <Alert type="error" role="alert" showIcon title={failure} style={{ marginBottom: 8 }} />}
      <Space wrap style={{ width: '100%' }}>
        <Select
          id={id}
          mode="multiple"
          style={{ minWidth: 280, maxWidth: '100%' }}
          value={value}
          onChange={setValue}
          options={cohorts.map((c) => ({ value: c.cohortId, label: cohortLabel(c) }))}
        />
        <Checkbox checked={acceptUnranked} onChange={(e) => setAcceptUnranked(e.target.checked)}>
          {t('rounds.acceptUnranked')}
        </Checkbox>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => {
            setFailure(null);
            save.mutate({ roundId, needId: need.needId, cohortIds: value, acceptUnranked });
          }}
        >
          {t('rounds.saveRanking')}
        </Button>
      </Space>
    </div>
  );
}
