import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { chinaDay } from '../cooperation/shared.tsx';
import { iso, type Task } from './shared.tsx';

// The form that adds or edits a plan task (admins).

type FormValues = {
  title: string;
  description: string;
  ownerOrganizationId?: string;
  responsibleName: string;
  startsOn?: Dayjs;
  deadline?: Dayjs;
  expectedOutcome: string;
  indicatorIds: string[];
};

/** Create (task null) or edit a task: an admin's form in a modal. */
export function TaskForm({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const orgs = useQuery(trpc.organizations.list.queryOptions({ q: q || undefined, limit: 20 }, { placeholderData: keepPreviousData }));
  const indicators = useQuery(trpc.monitoring.indicators.queryOptions());
  const orgOptions = (orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (task && !orgOptions.some((o) => o.value === task.ownerOrganizationId))
    orgOptions.unshift({ value: task.ownerOrganizationId, label: task.ownerName });
  const indicatorOptions = (indicators.data ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }));

  const done = (text: string) => {
    onClose();
    void queryClient.invalidateQueries({ queryKey: trpc.planTasks.pathKey() }).then(() => message.success(text));
  };
  const onError = (e: unknown) => {
    // update's fields arrive as data.<field>
    const shifted = {
      message: messageOf(e),
      data: { fieldErrors: fieldErrorsOf(e).map((f) => ({ ...f, path: f.path.replace(/^data\./, '') })) },
    };
    if (!applyFieldErrors(form, shifted)) setFailure(messageOf(e));
  };
  const create = useMutation(trpc.planTasks.create.mutationOptions({ onSuccess: () => done(t('plan-tasks.created')), onError }));
  const update = useMutation(trpc.planTasks.update.mutationOptions({ onSuccess: () => done(t('plan-tasks.saved')), onError }));
  const submit = (v: FormValues) => {
    setFailure(null);
    const data = {
      title: v.title,
      description: v.description,
      ownerOrganizationId: v.ownerOrganizationId ?? '',
      responsibleName: v.responsibleName,
      startsOn: v.startsOn ? iso(v.startsOn) : '',
      deadline: v.deadline ? iso(v.deadline) : '',
      expectedOutcome: v.expectedOutcome,
      indicatorIds: v.indicatorIds,
    };
    if (task) update.mutate({ id: task.id, data });
    else create.mutate(data);
  };
  const required = (message: string) => [{ required: true, whitespace: true, min: 2, message }];

  return (
    <Modal
      open
      title={task ? t('plan-tasks.editTitle') : t('plan-tasks.createTitle')}
      okText={t('plan-tasks.save')}
      cancelText={t('plan-tasks.cancel')}
      okButtonProps={{ loading: create.isPending || update.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        name="plan-task"
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => setFailure(null)}
        initialValues={{
          title: task?.title ?? '',
          description: task?.description ?? '',
          ownerOrganizationId: task?.ownerOrganizationId,
          responsibleName: task?.responsibleName ?? '',
          startsOn: task ? dayjs(task.startsOn) : dayjs(chinaDay(new Date())),
          deadline: task ? dayjs(task.deadline) : undefined,
          expectedOutcome: task?.expectedOutcome ?? '',
          indicatorIds: task?.indicatorIds ?? [],
        }}
      >
        <Form.Item name="title" label={t('plan-tasks.fieldTitle')} rules={required(t('plan-tasks.titleRequired'))}>
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="ownerOrganizationId"
          label={t('plan-tasks.fieldOwner')}
          rules={[{ required: true, message: t('plan-tasks.ownerRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setTyped }}
            placeholder={t('plan-tasks.ownerPlaceholder')}
            options={orgOptions}
            loading={orgs.isFetching}
            notFoundContent={orgs.isFetching ? null : t('common.noData')}
          />
        </Form.Item>
        <Form.Item name="responsibleName" label={t('plan-tasks.fieldResponsible')} rules={required(t('plan-tasks.responsibleRequired'))}>
          <Input maxLength={40} autoComplete="off" />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px' }}>
          <Form.Item
            name="startsOn"
            label={t('plan-tasks.fieldStartsOn')}
            rules={[{ required: true, message: t('plan-tasks.startsOnRequired') }]}
            style={{ flex: '1 1 200px' }}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('plan-tasks.fieldDeadline')}
            dependencies={['startsOn']}
            style={{ flex: '1 1 200px' }}
            rules={[
              { required: true, message: t('plan-tasks.deadlineRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value?: Dayjs) => {
                  const from = getFieldValue('startsOn') as Dayjs | undefined;
                  return value && from && value.isBefore(from, 'day')
                    ? Promise.reject(new Error(t('plan-tasks.deadlineBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="expectedOutcome" label={t('plan-tasks.fieldOutcome')} rules={required(t('plan-tasks.outcomeRequired'))}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="indicatorIds" label={t('plan-tasks.fieldIndicators')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('plan-tasks.indicatorsPlaceholder')}
            options={indicatorOptions}
            loading={indicators.isPending}
            optionFilterProp="label"
            maxCount={16}
          />
        </Form.Item>
        <Form.Item name="description" label={t('plan-tasks.fieldDescription')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {failure && <Alert type="error" role="alert" showIcon title={t('plan-tasks.failed')} description={failure} />}
      </Form>
    </Modal>
  );
}

/** A task's facts, its progress updates (newest first) and, for those who may, a form to report progress. */
