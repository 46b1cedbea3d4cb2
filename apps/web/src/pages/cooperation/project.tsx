import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { chinaDay, projectTone } from './shared.tsx';

type Values = { title: string; dueOn: Dayjs | null };

/** /projects/:id: a cooperation project's milestones in order; managers of either side mark them done and add more. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const me = useMe();
  const project = useQuery(trpc.projects.get.queryOptions({ id }));
  const [failure, setFailure] = useState<string | null>(null);
  const p = project.data;
  const manages =
    !!p &&
    (me.data?.memberships ?? []).some(
      (m) => (m.organizationId === p.enterpriseId || m.organizationId === p.schoolId) && (m.role === 'owner' || m.role === 'manager'),
    );
  const active = p?.status === 'active';
  // the list and its progress on /cooperation change too
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.projects.pathKey() });
  const complete = useMutation(
    trpc.projects.completeMilestone.mutationOptions({
      onSuccess: (r) =>
        void refresh().then(() =>
          message.success(r.projectStatus === 'completed' ? t('cooperation.projectCompleted') : t('cooperation.completed')),
        ),
      onError: (e) => setFailure(messageOf(e)),
    }),
  );
  const milestones = [...(p?.milestoneList ?? [])].sort((a, b) => a.position - b.position);

  return (
    <QueryState query={project}>
      {p && (
        <>
          <Link to="/cooperation?tab=projects">{t('cooperation.back')}</Link>
          <Typography.Title level={1} style={{ marginTop: 8 }}>
            {p.title}
          </Typography.Title>
          <Space wrap style={{ marginBottom: 16 }}>
            <ToneTag tone="blue">{t(`cooperation.kinds.${p.kind}`)}</ToneTag>
            <ToneTag tone={projectTone[p.status]}>{t(`cooperation.projectStatuses.${p.status}`)}</ToneTag>
            <Typography.Text strong>{t('cooperation.progress', { done: p.milestonesDone, total: p.milestones })}</Typography.Text>
          </Space>
          <Card title={<Heading>{t('cooperation.projectFacts')}</Heading>} style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'enterprise', label: t('cooperation.enterprise'), children: p.enterpriseName },
                { key: 'school', label: t('cooperation.school'), children: p.schoolName },
                { key: 'need', label: t('cooperation.need'), children: <Link to={`/needs/${p.needId}`}>{p.title}</Link> },
                { key: 'createdAt', label: t('cooperation.createdAt'), children: chinaDay(p.createdAt) },
                ...(p.size !== null ? [{ key: 'size', label: t('cooperation.size'), children: p.size }] : []),
                ...(p.completedAt ? [{ key: 'completedAt', label: t('cooperation.completedAt'), children: chinaDay(p.completedAt) }] : []),
              ]}
            />
          </Card>
          <Card title={<Heading>{t('cooperation.milestones')}</Heading>} style={{ marginBottom: 16 }}>
            {failure && (
              <Alert
                type="error"
                role="alert"
                showIcon
                title={t('cooperation.failed')}
                description={failure}
                style={{ marginBottom: 16 }}
                closable={{ onClose: () => setFailure(null) }}
              />
            )}
            {!active && <Alert type="info" showIcon title={t('cooperation.notActive')} style={{ marginBottom: 16 }} />}
            {active && !manages && <Alert type="info" showIcon title={t('cooperation.managersOnly')} style={{ marginBottom: 16 }} />}
            {milestones.length === 0 ? (
              <Empty description={t('cooperation.milestonesEmpty')} />
            ) : (
              <List
                dataSource={milestones}
                rowKey="id"
                renderItem={(m, i) => (
                  <List.Item
                    actions={
                      active && manages && !m.doneAt
                        ? [
                            <Button
                              key="done"
                              size="small"
                              aria-label={t('cooperation.completeOf', { title: m.title })}
                              loading={complete.isPending && complete.variables.id === m.id}
                              onClick={() => {
                                setFailure(null);
                                complete.mutate({ id: m.id });
                              }}
                            >
                              {t('cooperation.complete')}
                            </Button>,
                          ]
                        : []
                    }
                  >
                    <Space wrap size={8}>
                      <Typography.Text strong>
                        {i + 1}. {m.title}
                      </Typography.Text>
                      <ToneTag tone={m.doneAt ? 'green' : 'gold'}>{m.doneAt ? t('cooperation.done') : t('cooperation.open')}</ToneTag>
                      <Typography.Text type="secondary">
                        {m.dueOn ? t('cooperation.dueOn', { date: m.dueOn }) : t('cooperation.noDue')}
                      </Typography.Text>
                      {m.doneAt && (
                        <Typography.Text type="secondary">{t('cooperation.doneOn', { date: chinaDay(m.doneAt) })}</Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
          {active && manages && <AddMilestone projectId={p.id} onAdded={refresh} />}
        </>
      )}
    </QueryState>
  );
}

function AddMilestone({ projectId, onAdded }: { projectId: string; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const add = useMutation(
    trpc.projects.addMilestone.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        void onAdded().then(() => message.success(t('cooperation.added')));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) setFailure(messageOf(e));
      },
    }),
  );
  return (
    <Card title={<Heading>{t('cooperation.addTitle')}</Heading>}>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        initialValues={{ title: '', dueOn: null }}
        onValuesChange={() => setFailure(null)}
        onFinish={(v) => add.mutate({ projectId, title: v.title.trim(), dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null })}
      >
        <Form.Item
          name="title"
          label={t('cooperation.milestoneTitle')}
          rules={[{ required: true, whitespace: true, min: 2, max: 100, message: t('cooperation.milestoneTitleRequired') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('cooperation.due')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('cooperation.duePlaceholder')} />
        </Form.Item>
        {failure && (
          <Alert type="error" role="alert" showIcon title={t('cooperation.failed')} description={failure} style={{ marginBottom: 16 }} />
        )}
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('cooperation.add')}
        </Button>
      </Form>
    </Card>
  );
}
