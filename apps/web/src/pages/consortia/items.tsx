import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsortiumItemKind } from '@ronghe/domain/consortium';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { itemKinds, type Detail, type Org, useRefresh } from './shared.tsx';

type ItemValues = { kind: ConsortiumItemKind; title: string; description: string };

export function Items({ c, lead }: { c: Detail; lead: Org | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemValues>();
  const add = useMutation(
    trpc.consortia.addItem.mutationOptions({
      onSuccess: () => {
        form.resetFields(['title', 'description']);
        void refresh().then(() => message.success(t('consortia.itemAdded')));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  const remove = useMutation(
    trpc.consortia.removeItem.mutationOptions({
      onSuccess: () => void refresh().then(() => message.success(t('consortia.removed'))),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const editable = lead && c.status !== 'dissolved';

  return (
    <Card title={<Heading>{t('consortia.itemsTitle')}</Heading>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('consortia.itemsIntro')}</Typography.Paragraph>
      <Row gutter={[24, 0]}>
        {itemKinds.map((k) => {
          const rows = c.items.filter((i) => i.kind === k);
          return (
            <Col xs={24} md={8} key={k}>
              <Heading level={3}>{t('consortia.withCount', { label: t(`consortia.itemKinds.${k}`), count: rows.length })}</Heading>
              {rows.length === 0 ? (
                <Typography.Text type="secondary">{t('consortia.noItems')}</Typography.Text>
              ) : (
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  {rows.map((i) => (
                    <li key={i.id} style={{ marginBottom: 8 }}>
                      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                        {i.title}
                      </Typography.Text>
                      {editable && (
                        <Popconfirm
                          title={t('consortia.removeConfirm', { title: i.title })}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            remove
                              .mutateAsync({ consortiumId: c.id, organizationId: lead.organizationId, itemId: i.id })
                              .catch(() => undefined)
                          }
                        >
                          <Button
                            size="small"
                            type="link"
                            danger
                            aria-label={t('consortia.labelled', { label: t('consortia.remove'), text: i.title })}
                          >
                            {t('consortia.remove')}
                          </Button>
                        </Popconfirm>
                      )}
                      {i.description && (
                        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                          {i.description}
                        </Typography.Paragraph>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </Col>
          );
        })}
      </Row>
      {editable && (
        <>
          <Heading level={3}>{t('consortia.addItem')}</Heading>
          <Form<ItemValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'product', title: '', description: '' }}
            onFinish={(v) =>
              add.mutate({
                consortiumId: c.id,
                organizationId: lead.organizationId,
                kind: v.kind,
                title: v.title.trim(),
                description: v.description.trim(),
              })
            }
            style={{ maxWidth: 720 }}
          >
            <Row gutter={16}>
              <Col xs={24} sm={8}>
                <Form.Item name="kind" label={t('consortia.itemKind')}>
                  <Select options={itemKinds.map((k) => ({ value: k, label: t(`consortia.itemKinds.${k}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={16}>
                <Form.Item
                  name="title"
                  label={t('consortia.itemTitle')}
                  rules={[
                    {
                      required: true,
                      whitespace: true,
                      min: 2,
                      max: 100,
                      message: t('consortia.required', { field: t('consortia.itemTitle') }),
                    },
                  ]}
                >
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="description" label={t('consortia.itemDescription')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button htmlType="submit" loading={add.isPending}>
              {t('consortia.itemAdd')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
