import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { consortiumKinds } from '@ronghe/domain/constants/consortium';
import {
  clusterDesignations,
  indicatorMetrics,
  indicatorScopes,
  PLAN_END,
  PLAN_START,
  schoolDesignations,
  type IndicatorMetric,
  type IndicatorScope,
} from '@ronghe/domain/constants/monitoring';
import { needKinds } from '@ronghe/domain/constants/need';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { RegionCascader } from '../../components/region-cascader.tsx';

type Values = {
  name: string;
  unit: string;
  target: number | null;
  scope: IndicatorScope;
  regionPath: string[];
  consortiumId: string | null;
  metric: IndicatorMetric | 'reported';
  param: string | null;
  startsOn: Dayjs;
  dueOn: Dayjs;
  definition: string;
};

/** The choices that narrow a metric: which kind of consortium or project, which designation. */
function useParamOptions(metric: Values['metric']): Array<{ value: string; label: string }> {
  const { t } = useTranslation();
  if (metric === 'consortia_active') return consortiumKinds.map((k) => ({ value: k, label: t(`consortia.kinds.${k}`) }));
  if (metric === 'projects_completed')
    return needKinds.filter((k) => k !== 'internship').map((k) => ({ value: k, label: t(`needs.kinds.${k}`) }));
  if (metric === 'schools_designated') return schoolDesignations.map((d) => ({ value: d, label: t(`monitoring.schoolDesignations.${d}`) }));
  if (metric === 'clusters_designated')
    return clusterDesignations.map((d) => ({ value: d, label: t(`monitoring.clusterDesignations.${d}`) }));
  return [];
}

function paramsOf(metric: Values['metric'], param: string | null) {
  if (!param) return {};
  if (metric === 'consortia_active') return { consortiumKind: param as (typeof consortiumKinds)[number] };
  if (metric === 'projects_completed') return { projectKind: param as (typeof needKinds)[number] };
  if (metric === 'schools_designated') return { schoolDesignation: param as (typeof schoolDesignations)[number] };
  if (metric === 'clusters_designated') return { clusterDesignation: param as (typeof clusterDesignations)[number] };
  return {};
}

/** An admin's own indicator for a district or a consortium, with the same structure as the plan's. */
export default function NewIndicator({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const scope = Form.useWatch('scope', form) ?? 'platform';
  const metric = Form.useWatch('metric', form) ?? 'reported';
  const paramOptions = useParamOptions(metric);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const consortia = useQuery({
    ...trpc.consortia.list.queryOptions({ q: q || undefined, pageSize: 20 }, { placeholderData: keepPreviousData }),
    enabled: scope === 'consortium',
  });
  const create = useMutation(
    trpc.monitoring.create.mutationOptions({
      onSuccess: (r) => {
        onClose();
        void queryClient
          .invalidateQueries({ queryKey: trpc.monitoring.pathKey() })
          .then(() => message.success(t('monitoring.created', { code: r.code })));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) void message.error(messageOf(e));
      },
    }),
  );
  const submit = (v: Values) =>
    create.mutate({
      name: v.name,
      unit: v.unit,
      target: v.target ?? Number.NaN,
      scope: v.scope,
      regionCode: v.scope === 'region' ? (v.regionPath.at(-1) ?? null) : null,
      consortiumId: v.scope === 'consortium' ? v.consortiumId : null,
      metric: v.metric === 'reported' ? null : v.metric,
      params: v.metric === 'reported' ? {} : paramsOf(v.metric, v.param),
      startsOn: v.startsOn.format('YYYY-MM-DD'),
      dueOn: v.dueOn.format('YYYY-MM-DD'),
      definition: v.definition,
      wording: '',
      baseline: 0,
      milestones: {},
    });

  return (
    <Modal
      open
      title={t('monitoring.newTitle')}
      okText={t('monitoring.create')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: '',
          unit: '个',
          target: null,
          scope: 'region',
          regionPath: [],
          consortiumId: null,
          metric: 'reported',
          param: null,
          startsOn: dayjs(PLAN_START),
          dueOn: dayjs(PLAN_END),
          definition: '',
        }}
      >
        <Form.Item name="name" label={t('monitoring.newName')} rules={[{ required: true, message: t('monitoring.newName') }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="target" label={t('monitoring.newTarget')} rules={[{ required: true, message: t('monitoring.newTarget') }]}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="unit" label={t('monitoring.newUnit')} rules={[{ required: true, message: t('monitoring.newUnit') }]}>
            <Input maxLength={10} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item name="scope" label={t('monitoring.newScope')}>
          <Radio.Group options={indicatorScopes.map((s) => ({ value: s, label: t(`monitoring.scopes.${s}`) }))} />
        </Form.Item>
        {scope === 'region' && (
          <Form.Item name="regionPath" label={t('monitoring.newRegion')} rules={[{ required: true, message: t('monitoring.newRegion') }]}>
            <RegionCascader changeOnSelect />
          </Form.Item>
        )}
        {scope === 'consortium' && (
          <Form.Item
            name="consortiumId"
            label={t('monitoring.newConsortium')}
            rules={[{ required: true, message: t('monitoring.newConsortium') }]}
          >
            <Select
              showSearch={{ filterOption: false, onSearch: setTyped }}
              loading={consortia.isFetching}
              options={(consortia.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="metric" label={t('monitoring.newMetric')}>
          <Select
            onChange={() => form.setFieldValue('param', null)}
            options={[
              { value: 'reported', label: t('monitoring.metricReported') },
              ...indicatorMetrics.map((m) => ({ value: m, label: t(`monitoring.metrics.${m}`) })),
            ]}
          />
        </Form.Item>
        {paramOptions.length > 0 && (
          <Form.Item name="param" label={t(`monitoring.metrics.${metric as IndicatorMetric}`)}>
            <Select allowClear options={paramOptions} />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="startsOn" label={t('monitoring.newStartsOn')}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('monitoring.newDueOn')}>
            <DatePicker allowClear={false} />
          </Form.Item>
        </Space>
        <Form.Item name="definition" label={t('monitoring.newDefinition')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
