// The base form's first sections: who publishes it and what it is, then the majors, industries and partners it serves.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { industryGroups } from '../../lib/industry-options.ts';
import { Heading } from '../../components/heading.tsx';
import { CoBuilderSelect, ConsortiumSelect } from './edit-remote.tsx';
import { kinds, type Labelled } from './edit-values.tsx';

const majorLevels = ['zhongzhi', 'gaozhi', 'benke'] as const;

/** Shorthand for the form's messages. */
export function usePublishText() {
  const { t } = useTranslation();
  const p = (key: string, options?: Record<string, unknown>) => t(`base-publish.${key}`, options ?? {});
  return {
    t,
    p,
    required: (field: string) => ({ required: true, whitespace: true, message: p('required', { field: p(field) }) }),
    choose: (field: string) => ({ required: true, message: p('choose', { field: p(field) }) }),
  };
}

type Org = { organizationId: string; name: string };

export function BasicsSection({ orgs }: { orgs: Org[] | null }) {
  const { t, p, required, choose } = usePublishText();
  return (
    <Card title={<Heading>{p('sections.basics')}</Heading>} style={{ marginBottom: 16 }}>
      {orgs && (
        <Form.Item name="organizationId" label={p('organization')} extra={p('organizationHint')} rules={[choose('organization')]}>
          <Select options={orgs.map((o) => ({ value: o.organizationId, label: o.name }))} />
        </Form.Item>
      )}
      <Form.Item name="kind" label={p('kind')} rules={[choose('kind')]}>
        <Select options={kinds.map((k) => ({ value: k, label: t(`bases.kinds.${k}`) }))} placeholder={p('choose', { field: p('kind') })} />
      </Form.Item>
      <Form.Item name="name" label={p('name')} rules={[required('name'), { min: 2, max: 100, message: p('nameLength') }]}>
        <Input maxLength={100} placeholder={p('namePlaceholder')} />
      </Form.Item>
      <Form.Item name="description" label={p('description')} rules={[{ max: 5000 }]} style={{ marginBottom: 0 }}>
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
    </Card>
  );
}

export function LinksSection({ ownerId, coBuilders, consortia }: { ownerId?: string; coBuilders: Labelled[]; consortia: Labelled[] }) {
  const { t, p } = usePublishText();
  const trpc = useTRPC();
  const majors = useQuery(trpc.reference.majors.queryOptions());
  const industries = useQuery(trpc.reference.industries.queryOptions());

  const majorOptions = useMemo(
    () =>
      majorLevels
        .map((level) => ({
          label: t(`organizations.majorLevels.${level}`),
          title: t(`organizations.majorLevels.${level}`),
          options: (majors.data?.majors ?? [])
            .filter((m) => m.level === level)
            .map((m) => ({ value: m.code, label: `${m.code} ${m.name}` })),
        }))
        .filter((g) => g.options.length > 0),
    [majors.data, t],
  );

  const industryOptions = useMemo(() => industryGroups(industries.data?.gbt4754 ?? []), [industries.data]);

  return (
    <Card title={<Heading>{p('sections.links')}</Heading>} style={{ marginBottom: 16 }}>
      <Form.Item name="majorCodes" label={p('majors')} rules={[{ type: 'array', max: 30 }]}>
        <Select
          mode="multiple"
          options={majorOptions}
          loading={majors.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={p('majorsPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="industryCodes" label={p('industries')} rules={[{ type: 'array', max: 10 }]}>
        <Select
          mode="multiple"
          options={industryOptions}
          loading={industries.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={p('industriesPlaceholder')}
        />
      </Form.Item>
      <Form.Item name="coBuilderIds" label={p('coBuilders')} extra={p('coBuildersHint')} rules={[{ type: 'array', max: 20 }]}>
        <CoBuilderSelect ownerId={ownerId} initial={coBuilders} placeholder={p('coBuildersPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="consortiumIds"
        label={p('consortia')}
        extra={p('consortiaHint')}
        rules={[{ type: 'array', max: 10 }]}
        style={{ marginBottom: 0 }}
      >
        <ConsortiumSelect ownerId={ownerId} initial={consortia} placeholder={p('consortiaPlaceholder')} />
      </Form.Item>
    </Card>
  );
}
