import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { ToneTag } from '../../components/tone-tag.tsx';
import { Heading } from '../../components/heading.tsx';
import { appTone, useMajorNames } from './shared.tsx';

type Values = { organizationId?: string; cohortId?: string; students: number | null; message: string };
type School = { organizationId: string; name: string };

/** 申请该需求: a manager of a verified school applies, then sees how its applications were decided. */
export function ApplyForNeed({ needId, open, schools }: { needId: string; open: boolean; schools: School[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);
  const organizationId = Form.useWatch('organizationId', form) ?? schools[0]?.organizationId ?? '';
  const cohorts = useQuery(trpc.cohorts.list.queryOptions({ organizationId }, { enabled: !!organizationId }));
  const mine = useQuery(trpc.needs.myApplications.queryOptions({ organizationId }, { enabled: !!organizationId }));
  const { nameOf } = useMajorNames();
  const apply = useMutation(
    trpc.needs.applyFor.mutationOptions({
      onSuccess: () => {
        form.resetFields(['cohortId', 'students', 'message']);
        void queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() }).then(() => message.success(t('needs.applied')));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) setFailure(messageOf(e));
      },
    }),
  );
  const onFinish = (v: Values) => {
    setFailure(null);
    apply.mutate({
      needId,
      organizationId: v.organizationId ?? organizationId,
      cohortId: v.cohortId || undefined,
      students: v.students ?? 0,
      message: v.message,
    });
  };
  const applications = (mine.data ?? []).filter((a) => a.needId === needId);

  return (
    <Card title={<Heading>{t('needs.applyTitle')}</Heading>} style={{ marginBottom: 16 }}>
      {!open && <Typography.Paragraph type="secondary">{t('needs.notOpen')}</Typography.Paragraph>}
      {open && (
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 560 }}
          initialValues={{ organizationId: schools[0]?.organizationId, cohortId: undefined, students: null, message: '' }}
          onFinish={onFinish}
          onValuesChange={(changed: Partial<Values>) => {
            setFailure(null);
            const c = changed.cohortId && cohorts.data?.find((x) => x.id === changed.cohortId);
            if (c && !form.getFieldValue('students')) form.setFieldValue('students', c.students);
          }}
        >
          <Form.Item name="organizationId" label={t('needs.applyOrg')} hidden={schools.length < 2}>
            <Select options={schools.map((s) => ({ value: s.organizationId, label: s.name }))} />
          </Form.Item>
          <Form.Item name="cohortId" label={t('needs.cohort')}>
            <Select
              allowClear
              loading={cohorts.isPending}
              placeholder={t('needs.cohortPlaceholder')}
              options={(cohorts.data ?? []).map((c) => ({
                value: c.id,
                label: `${c.year} ${nameOf(c.majorCode)} · ${t('needs.students', { count: c.students })}`,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="students"
            label={t('needs.applyStudents')}
            rules={[{ required: true, message: t('needs.required', { field: t('needs.applyStudents') }) }]}
          >
            <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="message" label={t('needs.message')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          {failure && (
            <Alert type="error" role="alert" showIcon title={t('needs.failed')} description={failure} style={{ marginBottom: 16 }} />
          )}
          <Button type="primary" htmlType="submit" loading={apply.isPending}>
            {t('needs.submitApply')}
          </Button>
        </Form>
      )}
      {applications.length > 0 && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: open ? 24 : 0 }}>
            {t('needs.myApplications')}
          </Typography.Title>
          <List
            dataSource={applications}
            renderItem={(a) => (
              <List.Item>
                <Space wrap size={8}>
                  <span>{a.organizationName}</span>
                  <ToneTag tone={appTone[a.status]}>{t(`needs.appStatuses.${a.status}`)}</ToneTag>
                  <span>
                    {a.status === 'partly_accepted' || a.status === 'accepted'
                      ? t('needs.acceptedStudents', { accepted: a.accepted, students: a.students })
                      : t('needs.appliedStudents', { students: a.students })}
                  </span>
                  {a.reason && <Typography.Text type="secondary">{t('needs.reasonText', { reason: a.reason })}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
