import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { downloadBase64 } from '../../lib/files.ts';
import { useResetSession } from '../../lib/session.ts';

/** "My data" (issue 20, PIPL): download everything held about me, or delete my account. */
export function PersonalDataCard() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState<'json' | 'xlsx' | null>(null);
  const [deleting, setDeleting] = useState(false);

  const download = async (format: 'json' | 'xlsx') => {
    setDownloading(format);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.account.myData.queryOptions({ format }), staleTime: 0 });
      downloadBase64(file.filename, file.base64, format === 'json' ? 'application/json' : undefined);
    } catch (e) {
      void message.error(messageOf(e));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
          {t('personal-data.title')}
        </Typography.Title>
      }
    >
      <Typography.Paragraph>{t('personal-data.intro')}</Typography.Paragraph>
      <Flex wrap gap={8}>
        <Button onClick={() => void download('json')} loading={downloading === 'json'}>
          {t('personal-data.downloadJson')}
        </Button>
        <Button onClick={() => void download('xlsx')} loading={downloading === 'xlsx'}>
          {t('personal-data.downloadExcel')}
        </Button>
        <Button danger onClick={() => setDeleting(true)}>
          {t('personal-data.delete')}
        </Button>
      </Flex>
      {deleting && <DeleteAccountDialog onClose={() => setDeleting(false)} />}
    </Card>
  );
}

function DeleteAccountDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const reset = useResetSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation(
    trpc.account.deleteAccount.mutationOptions({
      onSuccess: async () => {
        void message.success(t('personal-data.deleted'));
        await navigate('/', { replace: true });
        await reset();
      },
      onError: (e) => setError(applyFieldErrors(form, e) ? null : messageOf(e)),
    }),
  );
  return (
    <Modal
      open
      title={t('personal-data.deleteTitle')}
      onCancel={onClose}
      okText={t('personal-data.confirm')}
      cancelText={t('personal-data.cancel')}
      okButtonProps={{ danger: true, loading: remove.isPending }}
      onOk={() => form.submit()}
    >
      <Alert type="warning" showIcon title={t('personal-data.deleteWarning')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<{ password: string }>
        form={form}
        name="delete-account"
        layout="vertical"
        requiredMark={false}
        onFinish={({ password }) => {
          setError(null);
          remove.mutate({ password });
        }}
      >
        <Form.Item name="password" label={t('personal-data.password')} rules={[{ required: true, message: t('account.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
