import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsortiumStatus } from '@ronghe/domain/consortium';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { Heading } from '../../components/heading.tsx';
import { type Detail, useRefresh } from './shared.tsx';

type Decision = 'approve' | 'return' | 'suspend' | 'reinstate' | 'dissolve';
const decisionsFor: Record<ConsortiumStatus, Decision[]> = {
  draft: [],
  submitted: ['approve', 'return'],
  returned: [],
  active: ['suspend', 'dissolve'],
  suspended: ['reinstate', 'dissolve'],
  dissolved: [],
};

export function Review({ c }: { c: Detail }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<'return' | 'suspend' | 'dissolve' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const review = useMutation(trpc.consortia.review.mutationOptions());
  const label = (d: Decision) => t(`consortia.decisions.${d}`);

  const decide = async (decision: Decision, reason?: string) => {
    try {
      await review.mutateAsync(
        decision === 'approve' || decision === 'reinstate'
          ? { consortiumId: c.id, decision }
          : { consortiumId: c.id, decision, reason: reason ?? '' },
      );
      void message.success(t('consortia.decided', { decision: label(decision) }));
      setAsking(null);
    } catch (error) {
      if (asking && applyFieldErrors(form, error)) return;
      void message.error(messageOf(error));
      setAsking(null);
    }
    void refresh();
  };

  const available = decisionsFor[c.status];
  return (
    <Card title={<Heading>{t('consortia.reviewTitle')}</Heading>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('consortia.reviewIntro')}</Typography.Paragraph>
      {available.length === 0 ? (
        <Typography.Text type="secondary">{t('consortia.noReviewActions')}</Typography.Text>
      ) : (
        <Space wrap>
          {available.map((d) =>
            d === 'approve' || d === 'reinstate' ? (
              <Popconfirm key={d} title={t(`consortia.${d}Confirm`, { name: c.name })} onConfirm={() => decide(d)}>
                <Button type="primary" loading={review.isPending && review.variables.decision === d}>
                  {label(d)}
                </Button>
              </Popconfirm>
            ) : (
              <Button key={d} danger onClick={() => setAsking(d)}>
                {label(d)}
              </Button>
            ),
          )}
        </Space>
      )}
      <Modal
        open={asking !== null}
        title={asking ? t('consortia.reasonTitle', { decision: label(asking), name: c.name }) : ''}
        okText={asking ? label(asking) : ''}
        cancelText={t('consortia.reviewCancel')}
        okButtonProps={{ danger: true, loading: review.isPending }}
        onOk={() => form.submit()}
        onCancel={() => setAsking(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ reason: '' }}
          onFinish={(v) => asking && void decide(asking, v.reason.trim())}
          clearOnDestroy
        >
          <Form.Item
            name="reason"
            label={t('consortia.reasonLabel')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('consortia.reasonRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('consortia.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
