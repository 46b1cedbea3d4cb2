import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Grid,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Heading } from '../../components/heading.tsx';
import { flagColour, statusColour, statuses, FlagTag, ProgressBar, type Status } from './shared.tsx';

// One plan task: its facts, its dated progress updates, and the form to report progress.

export function TaskDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const compact = !Grid.useBreakpoint().md;
  const detail = useQuery({ ...trpc.planTasks.get.queryOptions({ id: id ?? '' }), enabled: !!id });
  const task = detail.data;
  const closed = task?.status === 'done' || task?.status === 'cancelled';
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={compact ? '100%' : 560}
      title={<Heading>{task?.title ?? t('plan-tasks.detailTitle')}</Heading>}
      destroyOnHidden
      closable={{ 'aria-label': t('plan-tasks.close') }}
    >
      <QueryState query={detail}>
        {task && (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Tag color={statusColour[task.status]}>{t(`plan-tasks.statuses.${task.status}`)}</Tag>
              <FlagTag flag={task.flag} />
            </Space>
            <ProgressBar value={task.progress} colour={flagColour[task.flag]} label={t('plan-tasks.progressOf', { title: task.title })} />
            <Heading level={3}>{t('plan-tasks.facts')}</Heading>
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'owner', label: t('plan-tasks.colOwner'), children: task.ownerName },
                { key: 'responsible', label: t('plan-tasks.colResponsible'), children: task.responsibleName },
                {
                  key: 'schedule',
                  label: t('plan-tasks.schedule'),
                  children: t('plan-tasks.scheduleValue', { from: task.startsOn, to: task.deadline }),
                },
                ...(task.completedOn ? [{ key: 'completedOn', label: t('plan-tasks.completedOn'), children: task.completedOn }] : []),
                { key: 'outcome', label: t('plan-tasks.fieldOutcome'), children: task.expectedOutcome },
                {
                  key: 'indicators',
                  label: t('plan-tasks.fieldIndicators'),
                  children: task.indicatorCodes.length ? task.indicatorCodes.join('、') : t('plan-tasks.indicatorsNone'),
                },
                ...(task.description ? [{ key: 'description', label: t('plan-tasks.fieldDescription'), children: task.description }] : []),
              ]}
            />
            <Heading level={3}>{t('plan-tasks.updates')}</Heading>
            {task.updates.length === 0 ? (
              <Empty description={t('plan-tasks.updatesEmpty')} />
            ) : (
              <List
                dataSource={task.updates}
                rowKey="id"
                renderItem={(u) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space wrap size={8}>
                        <Typography.Text strong>{t('plan-tasks.updateBy', { date: u.on, name: u.byName })}</Typography.Text>
                        <Tag color={statusColour[u.status]}>{t(`plan-tasks.statuses.${u.status}`)}</Tag>
                        <span>{Math.round(u.progress)}%</span>
                      </Space>
                      <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{u.note}</Typography.Paragraph>
                      {u.evidenceUrl && (
                        <a href={u.evidenceUrl} target="_blank" rel="noreferrer noopener">
                          {t('plan-tasks.evidence')}
                        </a>
                      )}
                    </div>
                  </List.Item>
                )}
              />
            )}
            <Heading level={3}>{t('plan-tasks.addUpdate')}</Heading>
            {closed ? (
              <Alert type="info" showIcon title={t('plan-tasks.closed')} />
            ) : task.canUpdate ? (
              <UpdateForm task={task} />
            ) : (
              <Alert type="info" showIcon title={t('plan-tasks.viewOnly')} />
            )}
          </>
        )}
      </QueryState>
    </Drawer>
  );
}

type UpdateValues = { note: string; evidenceUrl: string; progress: number | null; status: Status };

function UpdateForm({ task }: { task: { id: string; progress: number; status: Status } }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UpdateValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const add = useMutation(
    trpc.planTasks.addUpdate.mutationOptions({
      onSuccess: () => {
        form.resetFields(['note', 'evidenceUrl']);
        void queryClient.invalidateQueries({ queryKey: trpc.planTasks.pathKey() }).then(() => message.success(t('plan-tasks.updated')));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) setFailure(messageOf(e));
      },
    }),
  );
  return (
    <Form<UpdateValues>
      form={form}
      name="plan-task-update"
      layout="vertical"
      initialValues={{
        note: '',
        evidenceUrl: '',
        progress: Math.round(task.progress),
        status: task.status === 'not_started' ? 'in_progress' : task.status,
      }}
      onValuesChange={() => setFailure(null)}
      onFinish={(v) =>
        add.mutate({
          taskId: task.id,
          note: v.note,
          evidenceUrl: v.evidenceUrl.trim(),
          progress: v.progress ?? Number.NaN,
          status: v.status,
        })
      }
    >
      <Form.Item
        name="note"
        label={t('plan-tasks.fieldNote')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('plan-tasks.noteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('plan-tasks.notePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="evidenceUrl"
        label={t('plan-tasks.fieldEvidence')}
        rules={[{ pattern: /^(https?:\/\/\S+)?$/, message: t('plan-tasks.evidenceInvalid') }]}
      >
        <Input maxLength={500} inputMode="url" autoComplete="off" placeholder={t('plan-tasks.evidencePlaceholder')} />
      </Form.Item>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
        <Form.Item
          name="progress"
          label={t('plan-tasks.fieldProgress')}
          rules={[{ required: true, message: t('plan-tasks.progressRequired') }]}
          style={{ flex: '1 1 140px' }}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
        </Form.Item>
        <Form.Item name="status" label={t('plan-tasks.fieldStatus')} style={{ flex: '1 1 140px' }}>
          <Select options={statuses.map((s) => ({ value: s, label: t(`plan-tasks.statuses.${s}`) }))} />
        </Form.Item>
      </div>
      {failure && (
        <Alert type="error" role="alert" showIcon title={t('plan-tasks.failed')} description={failure} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('plan-tasks.submitUpdate')}
      </Button>
    </Form>
  );
}
