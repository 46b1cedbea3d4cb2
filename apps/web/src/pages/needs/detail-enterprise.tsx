import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { AcceptOrDecline, DeclineModal } from '../../components/accept-or-decline.tsx';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import type { NeedKind, NeedStatus } from '@ronghe/domain/need';
import { Heading } from '../../components/heading.tsx';
import { appTone, partText, useMajorNames } from './shared.tsx';

type NeedFacts = { id: string; kind: NeedKind; status: NeedStatus; headcount: number | null; accepted: number };
type Invitee = { cohortId: string; name: string; major: string; students: number };
type InviteValues = { students: number | null; expiresInDays: number | null; message: string };

// only a cohort of students can fill these places
const invitableKinds: ReadonlySet<NeedKind> = new Set(['internship', 'order_class']);

// expiry is a moment; shown as China's calendar day, whatever the device's time zone
const day = (d: Date) => d.toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

/** 推荐学生批次: cohorts ranked best first, each score explained part by part; managers invite a cohort to open internship or order-class places. */
export function Recommendations({ need, manages }: { need: NeedFacts; manages: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const recs = useQuery(trpc.needs.recommendCohorts.queryOptions({ needId: need.id }));
  const { nameOf } = useMajorNames();
  const [inviting, setInviting] = useState<Invitee | null>(null);
  const canInvite = manages && need.status === 'published' && invitableKinds.has(need.kind);
  const left = need.headcount === null ? null : Math.max(0, need.headcount - need.accepted);
  return (
    <Card title={<Heading>{t('needs.recommendTitle')}</Heading>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        {t('needs.recommendIntro')}
        {canInvite && left !== null && <> {left === 0 ? t('needs.inviteFull') : t('needs.placesLeft', { left })}</>}
      </Typography.Paragraph>
      <QueryState query={recs}>
        <List
          dataSource={recs.data ?? []}
          locale={{ emptyText: t('needs.noRecommend') }}
          renderItem={({ cohort: c, score }) => (
            <List.Item
              actions={
                canInvite
                  ? [
                      <Button
                        key="invite"
                        disabled={left === 0}
                        aria-label={t('needs.inviteOf', { name: c.organizationName, major: nameOf(c.majorCode) })}
                        onClick={() =>
                          setInviting({ cohortId: c.id, name: c.organizationName, major: nameOf(c.majorCode), students: c.students })
                        }
                      >
                        {t('needs.invite')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={8}>
                    <span>{c.organizationName}</span>
                    <ToneTag tone="blue">{t('needs.score', { total: score.total })}</ToneTag>
                  </Space>
                }
                description={
                  <>
                    <Space wrap separator="·">
                      <span>
                        {c.majorCode} {nameOf(c.majorCode)}
                      </span>
                      <span>{t('needs.students', { count: c.students })}</span>
                      <span>{t('needs.window', { from: c.windowFrom, to: c.windowTo })}</span>
                    </Space>
                    <ul
                      aria-label={t('needs.score', { total: score.total })}
                      style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', listStyle: 'none', padding: 0, margin: '8px 0 0' }}
                    >
                      {score.parts.map((p) => (
                        <li key={p.key}>{partText(t, p)}</li>
                      ))}
                    </ul>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </QueryState>
      {inviting && <InviteModal needId={need.id} invitee={inviting} left={left} onClose={() => setInviting(null)} />}
    </Card>
  );
}

/** 邀请: how many places to offer the cohort, how long the school has to answer, and a message. */
function InviteModal({ needId, invitee, left, onClose }: { needId: string; invitee: Invitee; left: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const max = Math.min(left ?? invitee.students, invitee.students);
  const invite = useMutation(
    trpc.needs.invite.mutationOptions({
      onSuccess: (r) => {
        onClose();
        // the held places change the need's count, the recommendations and the applications
        void queryClient
          .invalidateQueries({ queryKey: trpc.needs.pathKey() })
          .then(() => message.success(t('needs.inviteSent', { date: day(r.expiresAt) })));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) setFailure(messageOf(e));
      },
    }),
  );
  const submit = () =>
    void form.validateFields().then((v) => {
      setFailure(null);
      invite.mutate({
        needId,
        cohortId: invitee.cohortId,
        students: v.students ?? 0,
        expiresInDays: v.expiresInDays ?? 7,
        message: v.message.trim(),
      });
    });
  return (
    <Modal
      open
      title={t('needs.inviteTitle', { name: invitee.name })}
      okText={t('needs.inviteSubmit')}
      okButtonProps={{ loading: invite.isPending }}
      onCancel={onClose}
      onOk={submit}
    >
      <Typography.Paragraph type="secondary">
        {invitee.major} · {t('needs.students', { count: invitee.students })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('needs.inviteIntro')}</Typography.Paragraph>
      <Form<InviteValues>
        form={form}
        layout="vertical"
        initialValues={{ students: max, expiresInDays: 7, message: '' }}
        onValuesChange={() => setFailure(null)}
      >
        <Form.Item
          name="students"
          label={t('needs.inviteStudents')}
          rules={[{ required: true, message: t('needs.required', { field: t('needs.inviteStudents') }) }]}
        >
          <InputNumber min={1} max={invitee.students} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="expiresInDays"
          label={t('needs.inviteDays')}
          rules={[{ required: true, message: t('needs.required', { field: t('needs.inviteDays') }) }]}
        >
          <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="message" label={t('needs.inviteMessage')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" role="alert" showIcon title={t('needs.failed')} description={failure} />}
    </Modal>
  );
}

/** 收到的申请: the enterprise accepts all, part or none (with a reason). */
export function Applications({ needId }: { needId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const apps = useQuery(trpc.needs.applications.queryOptions({ needId }));
  const [failure, setFailure] = useState<string | null>(null);
  const [declining, setDeclining] = useState<{ id: string; name: string } | null>(null);
  const decide = useMutation(
    trpc.needs.decide.mutationOptions({
      onSuccess: () => {
        setDeclining(null);
        void queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() }).then(() => message.success(t('needs.decided')));
      },
      onError: (e) => {
        setDeclining(null);
        setFailure(messageOf(e));
      },
    }),
  );
  const run = (id: string, accept: number, reason = '') => {
    setFailure(null);
    decide.mutate({ id, accept, reason });
  };

  return (
    <Card title={<Heading>{t('needs.applicationsTitle')}</Heading>} style={{ marginBottom: 16 }}>
      {failure && <Alert type="error" role="alert" showIcon title={t('needs.failed')} description={failure} style={{ marginBottom: 16 }} />}
      <QueryState query={apps}>
        <List
          dataSource={apps.data ?? []}
          locale={{ emptyText: t('needs.noApplications') }}
          renderItem={(a) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Space wrap size={8}>
                  <Typography.Text strong>{a.organizationName}</Typography.Text>
                  {a.direction === 'invite' && <ToneTag tone="blue">{t('needs.invitation')}</ToneTag>}
                  <ToneTag tone={appTone[a.status]}>{t(`needs.appStatuses.${a.status}`)}</ToneTag>
                  <span>
                    {a.status === 'partly_accepted' || a.status === 'accepted'
                      ? t('needs.acceptedStudents', { accepted: a.accepted, students: a.students })
                      : a.direction === 'invite'
                        ? t('needs.invitedStudents', { students: a.students })
                        : t('needs.appliedStudents', { students: a.students })}
                  </span>
                  {a.status === 'invited' && a.expiresAt && (
                    <Typography.Text type="secondary">{t('needs.answerBy', { date: day(a.expiresAt) })}</Typography.Text>
                  )}
                  {a.status === 'expired' && a.expiresAt && (
                    <Typography.Text type="secondary">{t('needs.expiredOn', { date: day(a.expiresAt) })}</Typography.Text>
                  )}
                </Space>
                {a.message && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{a.message}</Typography.Paragraph>}
                {a.reason && (
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                    {t('needs.reasonText', { reason: a.reason })}
                  </Typography.Paragraph>
                )}
                {a.status === 'applied' && (
                  <AcceptOrDecline
                    id={a.id}
                    students={a.students}
                    labels={{
                      count: t('needs.acceptCount'),
                      countOf: t('needs.acceptCountOf', { name: a.organizationName }),
                      accept: t('needs.accept'),
                      decline: t('needs.decline'),
                    }}
                    accepting={decide.isPending && decide.variables.id === a.id && decide.variables.accept > 0}
                    onAccept={(count) => run(a.id, count)}
                    onDecline={() => setDeclining({ id: a.id, name: a.organizationName })}
                  />
                )}
              </div>
            </List.Item>
          )}
        />
      </QueryState>
      <DeclineModal
        open={!!declining}
        title={t('needs.declineTitle', { name: declining?.name ?? '' })}
        okText={t('needs.decline')}
        reasonLabel={t('needs.reason')}
        reasonRequired={t('needs.reasonRequired')}
        loading={decide.isPending}
        onCancel={() => setDeclining(null)}
        onDecline={(reason) => declining && run(declining.id, 0, reason)}
      />
    </Card>
  );
}
