import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { type Detail, type Org, type Standing, useRefresh } from './shared.tsx';

export function MyOrganizations({
  c,
  active,
  applied,
  mayApply,
  byOrg,
}: {
  c: Detail;
  active: Org[];
  applied: Org[];
  mayApply: Org[];
  byOrg: Map<string, Standing>;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ organizationId?: string; message: string }>();
  const leave = useMutation(
    trpc.consortia.leave.mutationOptions({
      onSuccess: () => void refresh().then(() => message.success(t('consortia.left'))),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const apply = useMutation(
    trpc.consortia.applyFor.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        void refresh().then(() => message.success(t('consortia.applied')));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  // the last active lead cannot leave (the server refuses): offer it only when another lead remains
  const leadCount = c.members.filter((m) => m.role === 'lead').length;
  const mayLeave = (o: Org) => c.status !== 'dissolved' && !(byOrg.get(o.organizationId)?.role === 'lead' && leadCount <= 1);
  const roleOf = (o: Org) => {
    const m = byOrg.get(o.organizationId);
    return m
      ? t(`consortia.roles.${m.role}`) +
          (m.councilPosition ? t('consortia.paren', { text: t(`consortia.positions.${m.councilPosition}`) }) : '')
      : '';
  };

  return (
    <Card
      title={<Heading>{mayApply.length > 0 && active.length === 0 ? t('consortia.applyTitle') : t('consortia.mine')}</Heading>}
      style={{ marginBottom: 16 }}
    >
      {active.map((o) => (
        <div key={o.organizationId} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 8 }}>
          <Typography.Text>{t('consortia.memberOf', { name: o.name, role: roleOf(o) })}</Typography.Text>
          {mayLeave(o) && (
            <Popconfirm
              title={t('consortia.leaveConfirm', { name: o.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() => leave.mutateAsync({ consortiumId: c.id, organizationId: o.organizationId }).catch(() => undefined)}
            >
              <Button
                size="small"
                danger
                aria-label={t('consortia.leaveAs', { name: o.name })}
                loading={leave.isPending && leave.variables.organizationId === o.organizationId}
              >
                {t('consortia.leave')}
              </Button>
            </Popconfirm>
          )}
        </div>
      ))}
      {applied.map((o) => (
        <Alert
          key={o.organizationId}
          type="info"
          showIcon
          title={t('consortia.applyPending', { name: o.name })}
          style={{ marginBottom: 8 }}
        />
      ))}
      {mayApply.length > 0 && (
        <>
          {active.length > 0 && <Heading level={3}>{t('consortia.applyTitle')}</Heading>}
          <Typography.Paragraph type="secondary">{t('consortia.applyIntro')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ organizationId: mayApply[0]?.organizationId, message: '' }}
            onFinish={(v) =>
              v.organizationId && apply.mutate({ consortiumId: c.id, organizationId: v.organizationId, message: v.message.trim() })
            }
            style={{ maxWidth: 640 }}
          >
            <Form.Item
              name="organizationId"
              label={t('consortia.applyOrg')}
              rules={[{ required: true, message: t('consortia.choose', { field: t('consortia.applyOrg') }) }]}
            >
              <Select options={mayApply.map((o) => ({ value: o.organizationId, label: o.name }))} />
            </Form.Item>
            <Form.Item name="message" label={t('consortia.applyMessage')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('consortia.applyMessagePlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={apply.isPending}>
              {t('consortia.applySend')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
