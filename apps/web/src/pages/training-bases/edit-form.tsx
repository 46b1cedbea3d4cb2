// The one form behind /bases/new (trainingBases.create) and /bases/:id/edit (trainingBases.update).
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Space } from 'antd';
import { useTRPC } from '../../lib/trpc.ts';
import { showFormError } from '../../lib/errors.ts';
import { emptyValues, fieldsOf, valuesOf, type Detail, type Values } from './edit-values.tsx';
import { BasicsSection, LinksSection, usePublishText } from './edit-sections.tsx';
import { LocationSection } from './edit-location.tsx';
import { CapacitySection, ContactSection, OpeningSection } from './edit-capacity.tsx';
import { PhotosSection } from './edit-photos.tsx';

type Org = { organizationId: string; name: string };
type Props = { mode: 'create'; orgs: Org[]; preferredOrg?: string } | { mode: 'edit'; base: Detail; regionPath: string[] };

export function BaseForm(props: Props) {
  const { p } = usePublishText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const chosenOrg = Form.useWatch('organizationId', form);
  const [failure, setFailure] = useState<string | null>(null);

  const onError = (error: unknown) => showFormError(form, error, setFailure);
  const done = async (id: string, text: string) => {
    void message.success(text);
    await queryClient.invalidateQueries({ queryKey: trpc.trainingBases.pathKey() });
    void navigate(`/bases/${id}`);
  };

  const create = useMutation(trpc.trainingBases.create.mutationOptions({ onSuccess: ({ id }) => done(id, p('created')), onError }));
  const update = useMutation(
    trpc.trainingBases.update.mutationOptions({ onSuccess: ({ id, version }) => done(id, p('saved', { version })), onError }),
  );

  const initialValues: Values =
    props.mode === 'edit'
      ? valuesOf(props.base, props.regionPath)
      : {
          ...emptyValues,
          organizationId: props.orgs.find((o) => o.organizationId === props.preferredOrg)?.organizationId ?? props.orgs[0]?.organizationId,
        };

  const onFinish = (values: Values) => {
    setFailure(null);
    if (props.mode === 'edit') update.mutate({ id: props.base.id, ...fieldsOf(values) });
    else if (values.organizationId) create.mutate({ organizationId: values.organizationId, ...fieldsOf(values) });
  };

  const ownerId = props.mode === 'edit' ? props.base.ownerOrganizationId : chosenOrg;
  const saved = props.mode === 'edit' ? props.base : null;
  const backTo = saved ? `/bases/${saved.id}` : '/bases/mine';

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={() => setFailure(null)}
      scrollToFirstError={{ block: 'center' }}
      style={{ maxWidth: 920 }}
    >
      <BasicsSection orgs={props.mode === 'create' ? props.orgs : null} />
      <LinksSection
        ownerId={ownerId}
        coBuilders={saved?.coBuilders.map((c) => ({ value: c.id, label: c.name })) ?? []}
        consortia={saved?.consortia.map((c) => ({ value: c.id, label: c.name })) ?? []}
      />
      <LocationSection />
      <CapacitySection />
      <OpeningSection />
      <ContactSection />
      <PhotosSection ownerId={ownerId} />

      {failure && <Alert type="error" showIcon title={p('saveFailed')} description={failure} style={{ marginBottom: 16 }} />}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending}>
          {!saved || saved.status === 'draft' ? p('saveDraft') : p('saveChanges')}
        </Button>
        <Button onClick={() => void navigate(backTo)}>{p('cancel')}</Button>
      </Space>
    </Form>
  );
}
