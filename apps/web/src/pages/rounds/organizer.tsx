import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { chinaToday } from './shared.tsx';

type Round = RouterOutputs['rounds']['get'];

/** The organiser's tools: invite participants to a draft, open it, close and match (early: with a reason, admins only), run again, publish. */
export function OrganizerTools({ data }: { data: Round }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { round } = data;
  const early = (round.status === 'open' || round.status === 'closing') && chinaToday() <= round.preferencesCloseOn;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.rounds.pathKey() });
  const onError = (e: unknown) => setFailure(messageOf(e));
  const open = useMutation(
    trpc.rounds.open.mutationOptions({ onSuccess: () => void refresh().then(() => message.success(t('rounds.opened'))), onError }),
  );
  const close = useMutation(
    trpc.rounds.close.mutationOptions({ onSuccess: (r) => void refresh().then(() => setNote(t('rounds.closed', r))), onError }),
  );
  const rerun = useMutation(
    trpc.rounds.rerun.mutationOptions({
      onSuccess: (r) => setNote(r.identical ? t('rounds.rerunSame', { digest: r.digest.slice(0, 16) }) : t('rounds.rerunDiffers')),
      onError,
    }),
  );
  const publish = useMutation(
    trpc.rounds.publish.mutationOptions({ onSuccess: () => void refresh().then(() => message.success(t('rounds.publishedMsg'))), onError }),
  );
  const run = (m: { mutate: (v: { id: string }) => void }) => {
    setFailure(null);
    setNote(null);
    m.mutate({ id: round.id });
  };
  const closeNow = () => {
    setFailure(null);
    setNote(null);
    close.mutate({ id: round.id, ...(early && reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <Card title={<Heading>{t('rounds.organizerTools')}</Heading>} style={{ marginBottom: 16 }}>
      {failure && (
        <Alert type="error" role="alert" showIcon title={t('rounds.failed')} description={failure} style={{ marginBottom: 12 }} />
      )}
      {note && <Alert type="success" role="status" showIcon title={note} style={{ marginBottom: 12 }} />}
      <RoundFacts data={data} />
      {round.status === 'draft' && <AddParticipants roundId={round.id} onError={onError} />}
      {round.status === 'closed' && chinaToday() < round.resultsOn && (
        <Typography.Paragraph type="secondary">{t('rounds.resultsFrom', { on: round.resultsOn })}</Typography.Paragraph>
      )}
      {early && round.status === 'open' && (
        <div style={{ marginBottom: 12, maxWidth: 560 }}>
          <label htmlFor="round-close-reason">{t('rounds.closeReason')}</label>
          <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px' }}>
            {t('rounds.closeReasonHint')}
          </Typography.Paragraph>
          <Input.TextArea id="round-close-reason" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      )}
      <Space wrap>
        {round.status === 'draft' && (
          <Button type="primary" loading={open.isPending} onClick={() => run(open)}>
            {t('rounds.open')}
          </Button>
        )}
        {(round.status === 'open' || round.status === 'closing') && (
          <Button type="primary" loading={close.isPending} onClick={closeNow}>
            {t('rounds.close')}
          </Button>
        )}
        {(round.status === 'closed' || round.status === 'published') && (
          <Button loading={rerun.isPending} onClick={() => run(rerun)}>
            {t('rounds.rerun')}
          </Button>
        )}
        {round.status === 'closed' && (
          <Button type="primary" loading={publish.isPending} onClick={() => run(publish)}>
            {t('rounds.publish')}
          </Button>
        )}
      </Space>
    </Card>
  );
}

function AddParticipants({ roundId, onError }: { roundId: string; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const candidates = useQuery(trpc.rounds.candidates.queryOptions({ id: roundId }));
  const [needIds, setNeedIds] = useState<string[]>([]);
  const [cohortIds, setCohortIds] = useState<string[]>([]);
  const onSuccess = () =>
    void queryClient.invalidateQueries({ queryKey: trpc.rounds.pathKey() }).then(() => message.success(t('rounds.added')));
  const addNeeds = useMutation(
    trpc.rounds.invite.mutationOptions({
      onSuccess: () => {
        setNeedIds([]);
        onSuccess();
      },
      onError,
    }),
  );
  const addCohorts = useMutation(
    trpc.rounds.invite.mutationOptions({
      onSuccess: () => {
        setCohortIds([]);
        onSuccess();
      },
      onError,
    }),
  );
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('rounds.addTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('rounds.addIntro')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap style={{ width: '100%' }}>
          <label htmlFor="round-add-needs">{t('rounds.pickNeeds')}</label>
          <Select
            id="round-add-needs"
            mode="multiple"
            loading={candidates.isPending}
            style={{ minWidth: 280, maxWidth: '100%' }}
            value={needIds}
            onChange={setNeedIds}
            optionFilterProp="label"
            options={(candidates.data?.needs ?? []).map((n) => ({ value: n.id, label: `${n.organizationName} · ${n.title}（${n.left}）` }))}
          />
          <Button
            disabled={needIds.length === 0}
            loading={addNeeds.isPending}
            onClick={() => addNeeds.mutate({ roundId, needIds, cohortIds: [] })}
          >
            {t('rounds.addNeeds')}
          </Button>
        </Space>
        <Space wrap style={{ width: '100%' }}>
          <label htmlFor="round-add-cohorts">{t('rounds.pickCohorts')}</label>
          <Select
            id="round-add-cohorts"
            mode="multiple"
            loading={candidates.isPending}
            style={{ minWidth: 280, maxWidth: '100%' }}
            value={cohortIds}
            onChange={setCohortIds}
            optionFilterProp="label"
            options={(candidates.data?.cohorts ?? []).map((c) => ({
              value: c.id,
              label: `${c.organizationName} · ${c.majorCode} · ${c.year}级（${c.students}人）`,
            }))}
          />
          <Button
            disabled={cohortIds.length === 0}
            loading={addCohorts.isPending}
            onClick={() => addCohorts.mutate({ roundId, needIds: [], cohortIds })}
          >
            {t('rounds.addCohorts')}
          </Button>
        </Space>
      </Space>
    </div>
  );
}

/** The run's seed, digest and counts: what lets anyone check the published results. */
function RoundFacts({ data }: { data: RouterOutputs['rounds']['get'] }) {
  const { t } = useTranslation();
  const { round } = data;
  return (
    <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
      {round.seed && <Descriptions.Item label={t('rounds.seed')}>{round.seed}</Descriptions.Item>}
      {round.resultDigest && <Descriptions.Item label={t('rounds.digest')}>{round.resultDigest.slice(0, 16)}</Descriptions.Item>}
      {round.runStats && <Descriptions.Item label={t('rounds.resultsTitle')}>{t('rounds.run', round.runStats)}</Descriptions.Item>}
    </Descriptions>
  );
}
