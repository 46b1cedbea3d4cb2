import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, List, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { roundTone } from './shared.tsx';

/** /rounds: invitations to answer, the rounds the user takes part in (all of them for the commission), and setting one up. */
export default function RoundsPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('rounds.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860 }}>{t('rounds.intro')}</Typography.Paragraph>
      {me.memberships
        .filter((m) => m.kind === 'enterprise' || m.kind === 'school')
        .map((m) => (
          <Invitations key={m.organizationId} organizationId={m.organizationId} name={m.name} />
        ))}
      <RoundList />
      {me.isPlatformAdmin && <CreateRound />}
    </>
  );
}

/** An organisation's needs and cohorts invited to rounds, to answer on the round's page; nothing when there are none. */
function Invitations({ organizationId, name }: { organizationId: string; name: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const invitations = useQuery(trpc.rounds.invitations.queryOptions({ organizationId }));
  if (!invitations.data?.length) return null;
  return (
    <Card title={<Heading>{`${t('rounds.invitationsTitle')} · ${name}`}</Heading>} style={{ marginBottom: 16 }}>
      <List
        dataSource={invitations.data}
        rowKey={(i) => `${i.roundId}-${i.entryId}`}
        renderItem={(i) => (
          <List.Item>
            <Link to={`/rounds/${i.roundId}`}>
              {t('rounds.invitationRow', {
                round: i.roundTitle,
                label: `${t(`rounds.invitationKinds.${i.kind}`)}「${i.label}」`,
                from: i.preferencesOpenOn,
                to: i.preferencesCloseOn,
              })}
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}

function RoundList() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const rounds = useQuery(trpc.rounds.list.queryOptions());
  return (
    <Card title={<Heading>{t('rounds.list')}</Heading>} style={{ marginBottom: 16 }}>
      <QueryState query={rounds}>
        <List
          dataSource={rounds.data ?? []}
          locale={{ emptyText: t('rounds.empty') }}
          renderItem={(r) => (
            <List.Item>
              <div>
                <Space wrap size={8}>
                  <Link to={`/rounds/${r.id}`} style={{ fontWeight: 600 }}>
                    {r.title}
                  </Link>
                  <ToneTag tone={roundTone[r.status]}>{t(`rounds.statuses.${r.status}`)}</ToneTag>
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {t('rounds.counts', { needs: r.needs, cohorts: r.cohorts })} ·{' '}
                    {t('rounds.dates', { from: r.preferencesOpenOn, to: r.preferencesCloseOn, results: r.resultsOn })}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      </QueryState>
    </Card>
  );
}

type CreateValues = {
  title: string;
  regionCode: string;
  preferencesOpenOn: Dayjs;
  preferencesCloseOn: Dayjs;
  resultsOn: Dayjs;
  keepGroupsTogether: boolean;
};

function CreateRound() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const create = useMutation(
    trpc.rounds.create.mutationOptions({
      onSuccess: (r) => void navigate(`/rounds/${r.id}`),
      onError: (e) => {
        if (!applyFieldErrors(form, e)) setFailure(messageOf(e));
      },
    }),
  );
  const submit = (v: CreateValues) => {
    setFailure(null);
    create.mutate({
      title: v.title,
      regionCode: v.regionCode,
      preferencesOpenOn: v.preferencesOpenOn.format('YYYY-MM-DD'),
      preferencesCloseOn: v.preferencesCloseOn.format('YYYY-MM-DD'),
      resultsOn: v.resultsOn.format('YYYY-MM-DD'),
      keepGroupsTogether: v.keepGroupsTogether,
      consortiumId: null,
    });
  };
  return (
    <Card title={<Heading>{t('rounds.createTitle')}</Heading>}>
      {failure && (
        <Alert type="error" role="alert" showIcon title={t('rounds.failed')} description={failure} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ keepGroupsTogether: false }} style={{ maxWidth: 560 }}>
        <Form.Item name="title" label={t('rounds.name')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('rounds.region')}
          extra={t('rounds.regionHint')}
          rules={[{ required: true, pattern: /^\d{6}$/ }]}
        >
          <Input inputMode="numeric" maxLength={6} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="preferencesOpenOn" label={t('rounds.opensOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="preferencesCloseOn" label={t('rounds.closesOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="resultsOn" label={t('rounds.resultsOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Form.Item name="keepGroupsTogether" valuePropName="checked">
          <Checkbox>{t('rounds.keepTogether')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('rounds.create')}
        </Button>
      </Form>
    </Card>
  );
}
