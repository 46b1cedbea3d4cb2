import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Popconfirm, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  clusterDesignations,
  schoolDesignations,
  type ClusterDesignation,
  type SchoolDesignation,
} from '@ronghe/domain/constants/monitoring';
import { todayInChina } from '@ronghe/domain/constants/training-base';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { Heading } from '../../components/heading.tsx';
import { ToneTag } from '../../components/tone-tag.tsx';

const headingStyle = { fontSize: 16, margin: '16px 0 8px' } as const;
const levelTones = { national: 'gold', beijing: 'blue' } as const;

/**
 * A school's designations (双高 and others) and its 高水平专业群, on its profile page: public honours,
 * shown to anyone; platform admins record them here (they feed the plan's indicators T04–T09).
 */
export function SchoolDesignations({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useMe();
  const isAdmin = me.data?.isPlatformAdmin === true;
  const query = useQuery(trpc.designations.ofSchool.queryOptions({ organizationId }));
  const data = query.data;

  // the public sees the card only when there is something to show
  if (!isAdmin && (!data || (data.designations.length === 0 && data.clusters.length === 0))) return null;

  return (
    <Card title={t('designations.title')} style={{ marginBottom: 16 }}>
      <QueryState query={query} rows={3}>
        {data && (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('designations.intro')}
            </Typography.Paragraph>
            <Heading style={headingStyle}>{t('designations.designationsHeading')}</Heading>
            {data.designations.length > 0 ? (
              <Space wrap size={[8, 8]}>
                {data.designations.map((d) => (
                  <ToneTag key={d} tone="green">
                    {t(`designations.designations.${d}`)}
                  </ToneTag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('designations.noDesignations')}</Typography.Text>
            )}

            <Heading style={headingStyle}>{t('designations.clustersHeading')}</Heading>
            <Clusters organizationId={organizationId} clusters={data.clusters} canRemove={isAdmin} />

            {isAdmin && (
              <>
                <EditDesignations key={data.designations.join()} organizationId={organizationId} current={data.designations} />
                <AddCluster organizationId={organizationId} />
              </>
            )}
          </>
        )}
      </QueryState>
    </Card>
  );
}

type Cluster = {
  id: string;
  name: string;
  designation: ClusterDesignation;
  majors: Array<{ code: string; name: string }>;
  designatedOn: string | null;
};

function Clusters({ organizationId, clusters, canRemove }: { organizationId: string; clusters: Cluster[]; canRemove: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const remove = useMutation(
    trpc.designations.removeCluster.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.designations.ofSchool.queryKey({ organizationId }) });
        void message.success(t('designations.removed'));
      },
      onError: (error) => void message.error(messageOf(error)),
    }),
  );

  if (clusters.length === 0) return <Typography.Text type="secondary">{t('designations.noClusters')}</Typography.Text>;
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {clusters.map((c) => (
        <li
          key={c.id}
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'flex-start',
            gap: 8,
            padding: '8px 0',
            borderBottom: '1px solid rgba(5, 5, 5, 0.06)',
          }}
        >
          <div style={{ flex: '1 1 220px', minWidth: 0 }}>
            <Space wrap size={[8, 4]}>
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Typography.Text>
              <ToneTag tone={levelTones[c.designation]}>{t(`designations.levels.${c.designation}`)}</ToneTag>
            </Space>
            {c.majors.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', overflowWrap: 'anywhere' }}>
                {t('designations.majorsOf', { majors: c.majors.map((m) => `${m.code} ${m.name}`.trim()).join('、') })}
              </Typography.Paragraph>
            )}
            {c.designatedOn && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {t('designations.designatedOn', { day: c.designatedOn })}
              </Typography.Paragraph>
            )}
          </div>
          {canRemove && (
            <Popconfirm
              title={t('designations.removeConfirm', { name: c.name })}
              onConfirm={() => remove.mutateAsync({ clusterId: c.id }).catch(() => undefined)}
              okButtonProps={{ danger: true }}
            >
              <Button
                size="small"
                danger
                aria-label={t('designations.removeOf', { name: c.name })}
                loading={remove.isPending && remove.variables.clusterId === c.id}
              >
                {t('designations.remove')}
              </Button>
            </Popconfirm>
          )}
        </li>
      ))}
    </ul>
  );
}

function EditDesignations({ organizationId, current }: { organizationId: string; current: SchoolDesignation[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<SchoolDesignation[]>(current);
  const save = useMutation(
    trpc.designations.setSchool.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.designations.ofSchool.queryKey({ organizationId }) });
        void message.success(t('designations.saved'));
      },
      onError: (error) => void message.error(messageOf(error)),
    }),
  );
  const unchanged = chosen.length === current.length && chosen.every((d) => current.includes(d));

  return (
    <fieldset style={{ border: 0, padding: 0, margin: '24px 0 0', minWidth: 0 }}>
      <legend style={{ fontSize: 16, fontWeight: 600, marginBottom: 8, border: 0 }}>{t('designations.editDesignations')}</legend>
      <Checkbox.Group<SchoolDesignation>
        value={chosen}
        onChange={(values) => setChosen(values)}
        options={schoolDesignations.map((d) => ({ value: d, label: t(`designations.designations.${d}`) }))}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={save.isPending}
        disabled={unchanged}
        onClick={() => save.mutate({ organizationId, designations: chosen })}
      >
        {t('designations.save')}
      </Button>
    </fieldset>
  );
}

type ClusterValues = { name: string; designation: ClusterDesignation | undefined; majorCodes: string[]; designatedOn: Dayjs | null };

function AddCluster({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ClusterValues>();
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const majorOptions = useMemo(
    () => (majors.data?.majors ?? []).map((m) => ({ value: m.code, label: `${m.code} ${m.name}` })),
    [majors.data],
  );
  const add = useMutation(
    trpc.designations.addCluster.mutationOptions({
      onSuccess: async () => {
        form.resetFields();
        await queryClient.invalidateQueries({ queryKey: trpc.designations.ofSchool.queryKey({ organizationId }) });
        void message.success(t('designations.added'));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );

  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
        {t('designations.addCluster')}
      </Typography.Title>
      <Form<ClusterValues>
        form={form}
        layout="vertical"
        name={`add-cluster-${organizationId}`}
        initialValues={{ name: '', designation: undefined, majorCodes: [], designatedOn: null }}
        onFinish={(v) => {
          if (!v.designation) return;
          add.mutate({
            organizationId,
            name: v.name.trim(),
            designation: v.designation,
            majorCodes: v.majorCodes,
            designatedOn: v.designatedOn ? v.designatedOn.format('YYYY-MM-DD') : undefined,
          });
        }}
        style={{ display: 'flex', flexWrap: 'wrap', gap: '0 16px', alignItems: 'flex-end' }}
      >
        <Form.Item
          name="name"
          label={t('designations.clusterName')}
          rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('designations.clusterNameInvalid') }]}
          style={{ flex: '1 1 220px', minWidth: 0 }}
        >
          <Input placeholder={t('designations.clusterNamePlaceholder')} maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="designation"
          label={t('designations.level')}
          rules={[{ required: true, message: t('designations.levelRequired') }]}
          style={{ flex: '1 1 140px', minWidth: 0 }}
        >
          <Select<ClusterDesignation> options={clusterDesignations.map((d) => ({ value: d, label: t(`designations.levels.${d}`) }))} />
        </Form.Item>
        <Form.Item name="majorCodes" label={t('designations.majors')} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Select
            mode="multiple"
            options={majorOptions}
            loading={majors.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('designations.majorsPlaceholder')}
            maxCount={30}
          />
        </Form.Item>
        <Form.Item name="designatedOn" label={t('designations.designatedOnLabel')} style={{ flex: '1 1 160px', minWidth: 0 }}>
          {/* the server's day is China's, whatever the device's time zone */}
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > todayInChina()} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('designations.add')}
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
