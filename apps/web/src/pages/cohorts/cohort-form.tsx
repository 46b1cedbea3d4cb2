import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, fieldErrorsOf, messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { majorLevels, useNames } from './shared.tsx';

type Level = (typeof majorLevels)[number];
export type CohortValues = {
  majorCode?: string;
  level?: Level;
  year?: number | null;
  students?: number | null;
  window?: [Dayjs, Dayjs] | null;
  regionCodes: string[];
  teachers?: number | null;
  note: string;
};

type Values = CohortValues;
const formFields = new Set(['majorCode', 'level', 'year', 'students', 'regionCodes', 'teachers', 'note']);

/** 发布学生批次: a manager of a verified school publishes a cohort for one of its schools; with `editing`, changes one. */
export function CohortForm({
  organizationId,
  editing,
}: {
  organizationId: string;
  editing?: { id: string; initial: CohortValues; onDone: () => void };
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const names = useNames();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | null>(null);

  const create = useMutation(
    trpc.cohorts.create.mutationOptions({
      onSuccess: async () => {
        void message.success(t('cohorts.created'));
        form.resetFields();
        await queryClient.invalidateQueries({ queryKey: trpc.cohorts.list.queryKey({ organizationId }) });
      },
      onError: (error) => {
        // window dates come back as windowFrom / windowTo: show them under the range picker
        const moved = fieldErrorsOf(error).filter((e) => e.path === 'windowFrom' || e.path === 'windowTo');
        if (moved.length > 0) form.setFields([{ name: 'window', errors: moved.map((e) => e.message) }]);
        if (!applyFieldErrors(form, error) && moved.length === 0) setFailure(messageOf(error));
      },
    }),
  );

  const update = useMutation(
    trpc.cohorts.update.mutationOptions({
      onSuccess: async () => {
        void message.success(t('cohorts.updated'));
        await queryClient.invalidateQueries({ queryKey: trpc.cohorts.pathKey() });
        editing?.onDone();
      },
      onError: (error) => {
        const fields = fieldErrorsOf(error).map((e) => ({ ...e, path: e.path.replace(/^data\./, '') }));
        const moved = fields.filter((e) => e.path === 'windowFrom' || e.path === 'windowTo');
        if (moved.length > 0) form.setFields([{ name: 'window', errors: moved.map((e) => e.message) }]);
        const known = fields.filter((e) => formFields.has(e.path));
        if (known.length > 0) form.setFields(known.map((e) => ({ name: e.path as keyof Values, errors: [e.message] })));
        setFailure(messageOf(error));
      },
    }),
  );

  const majorOptions = useMemo(
    () =>
      majorLevels
        .map((level) => ({
          label: t(`cohorts.levels.${level}`),
          title: t(`cohorts.levels.${level}`),
          options: names.majors.filter((m) => m.level === level).map((m) => ({ value: m.code, label: `${m.code} ${m.name}` })),
        }))
        .filter((g) => g.options.length > 0),
    [names.majors, t],
  );

  // provinces and every district / prefecture / county under them, grouped by province
  const regionOptions = useMemo(() => {
    const provinces = names.regions.filter((r) => r.level === 'province').toSorted((a, b) => a.code.localeCompare(b.code));
    return provinces.map((p) => ({
      label: p.name,
      title: p.name,
      options: [
        p,
        ...names.regions
          .filter((r) => r.provinceCode === p.provinceCode && r.level !== 'province')
          .toSorted((a, b) => a.code.localeCompare(b.code)),
      ].map((r) => ({
        value: r.code,
        label: r.level === 'province' ? `${r.name}（${t('cohorts.wholeProvince')}）` : r.name,
      })),
    }));
  }, [names.regions, t]);

  const chooseRule = (key: string): Rule => ({ required: true, message: t('cohorts.choose', { field: t(`cohorts.${key}`) }) });
  const fillRule = (key: string): Rule => ({ required: true, message: t('cohorts.required', { field: t(`cohorts.${key}`) }) });

  const onFinish = (v: Values) => {
    if (!v.majorCode || !v.level || !v.year || !v.students || !v.window) return;
    setFailure(null);
    const data = {
      majorCode: v.majorCode,
      level: v.level,
      year: v.year,
      students: v.students,
      windowFrom: v.window[0].format('YYYY-MM-DD'),
      windowTo: v.window[1].format('YYYY-MM-DD'),
      regionCodes: v.regionCodes,
      teachers: v.teachers ?? 0,
      note: v.note.trim(),
    };
    if (editing) update.mutate({ id: editing.id, data });
    else create.mutate({ organizationId, ...data });
  };

  const initialValues: Values = editing
    ? editing.initial
    : {
        majorCode: undefined,
        level: 'gaozhi',
        year: new Date().getFullYear() - 2,
        students: null,
        window: null,
        regionCodes: [],
        teachers: 0,
        note: '',
      };

  return (
    <Card title={<Heading>{t(editing ? 'cohorts.editTitle' : 'cohorts.formTitle')}</Heading>} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t(editing ? 'cohorts.editIntro' : 'cohorts.formIntro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={() => setFailure(null)}
        scrollToFirstError={{ block: 'center' }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="majorCode" label={t('cohorts.major')} rules={[chooseRule('major')]}>
              <Select
                options={majorOptions}
                loading={names.majors.length === 0}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('cohorts.majorPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="level" label={t('cohorts.level')} rules={[chooseRule('level')]}>
              <Select options={majorLevels.map((l) => ({ value: l, label: t(`cohorts.levels.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="year" label={t('cohorts.year')} rules={[fillRule('year')]}>
              <InputNumber min={2015} max={2035} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="students" label={t('cohorts.students')} rules={[fillRule('students')]}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="teachers" label={t('cohorts.teachersField')}>
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="window" label={t('cohorts.window')} rules={[chooseRule('window')]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="regionCodes"
          label={t('cohorts.regions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('cohorts.choose', { field: t('cohorts.regions') }) }]}
        >
          <Select
            mode="multiple"
            options={regionOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('cohorts.regionsPlaceholder')}
            maxCount={20}
          />
        </Form.Item>
        <Form.Item name="note" label={t('cohorts.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} showCount placeholder={t('cohorts.notePlaceholder')} />
        </Form.Item>
        {failure && (
          <Alert
            type="error"
            role="alert"
            showIcon
            title={t(editing ? 'cohorts.updateFailed' : 'cohorts.createFailed')}
            description={failure}
            style={{ marginBottom: 16 }}
          />
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
            {t(editing ? 'cohorts.saveChanges' : 'cohorts.submit')}
          </Button>
          {editing && <Button onClick={editing.onDone}>{t('cohorts.cancel')}</Button>}
        </Space>
      </Form>
    </Card>
  );
}
