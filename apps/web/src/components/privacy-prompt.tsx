import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../lib/trpc.ts';
import { messageOf } from '../lib/errors.ts';
import { useResetSession } from '../lib/session.ts';

/** Asks a signed-in person to agree to a privacy notice newer than the one they agreed to (or to sign out). */
export default function PrivacyPrompt({ version }: { version: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reset = useResetSession();
  const { message } = App.useApp();
  const accept = useMutation(
    trpc.account.acceptPrivacy.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() }),
      onError: (e) => void message.error(messageOf(e)),
    }),
  );
  const signOut = useMutation(trpc.account.signOut.mutationOptions({ onSuccess: () => reset() }));
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title={t('privacy.updatedTitle')}
      footer={
        <Space wrap>
          <Button onClick={() => signOut.mutate({ everywhere: false })} loading={signOut.isPending}>
            {t('privacy.decline')}
          </Button>
          <Button type="primary" onClick={() => accept.mutate({ version })} loading={accept.isPending}>
            {t('privacy.agree')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph>{t('privacy.updatedBody', { version })}</Typography.Paragraph>
      <a href="/privacy" target="_blank" rel="noreferrer">
        {t('privacy.read')}
      </a>
    </Modal>
  );
}
