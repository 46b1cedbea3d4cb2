import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { ToneTag } from '../../components/tone-tag.tsx';

/**
 * An email or mobile number on the account page: verified, or the form to enter the code sent to it (one is sent at
 * sign-up; another on request, a minute apart).
 */
export function VerifyIdentifier({ channel, value, verified }: { channel: 'email' | 'sms'; value: string; verified: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const [waitS, setWaitS] = useState(0);
  useEffect(() => {
    if (waitS <= 0) return;
    const timer = setTimeout(() => setWaitS((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitS]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
  const send = useMutation(
    trpc.account.sendCode.mutationOptions({
      onSuccess: (r) => {
        setWaitS(r.resendAfterS);
        void message.success(t('verification.sent', { to: r.sentTo }));
      },
      onError: (error) => void message.error(messageOf(error)),
    }),
  );
  const verify = useMutation(
    trpc.account.verifyCode.mutationOptions({
      onSuccess: async () => {
        void message.success(t('verification.done'));
        await refresh();
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );

  if (verified)
    return (
      <Space wrap size={8}>
        <span>{value}</span>
        <ToneTag tone="green">{t('verification.verified')}</ToneTag>
      </Space>
    );
  const fieldId = `verify-${channel}`;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Space wrap size={8}>
        <span>{value}</span>
        <ToneTag tone="gold">{t('verification.unverified')}</ToneTag>
      </Space>
      <Typography.Text type="secondary">{t('verification.ask')}</Typography.Text>
      <Form
        form={form}
        layout="inline"
        name={fieldId}
        onFinish={({ code }) => verify.mutate({ channel, code: code.trim() })}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="code"
          label={t('verification.code')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('verification.codePlaceholder') }]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            placeholder={t('verification.codePlaceholder')}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={verify.isPending}>
            {t('verification.submit')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button disabled={waitS > 0} loading={send.isPending} onClick={() => send.mutate({ channel })}>
            {waitS > 0 ? t('verification.resendIn', { seconds: waitS }) : t('verification.resend')}
          </Button>
        </Form.Item>
      </Form>
    </Space>
  );
}

/**
 * The account's missing email or mobile number (issue 20, a second identifier): typed here, a code goes to it, and
 * entering the code adds it, verified.
 */
export function AddIdentifier({ channel }: { channel: 'email' | 'sms' }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ identifier: string; code?: string }>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const add = useMutation(
    trpc.account.addIdentifier.mutationOptions({
      onSuccess: (r) => {
        setSentTo(r.sentTo);
        void message.success(t('verification.sent', { to: r.sentTo }));
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  const verify = useMutation(
    trpc.account.verifyCode.mutationOptions({
      onSuccess: async () => {
        void message.success(t('verification.done'));
        await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
      },
      onError: (error) => {
        if (!applyFieldErrors(form, error)) void message.error(messageOf(error));
      },
    }),
  );
  const fieldId = `add-${channel}`;
  const label = channel === 'sms' ? 'verification.addPhone' : 'verification.addEmail';
  return (
    <Form
      form={form}
      layout="inline"
      name={fieldId}
      style={{ rowGap: 8 }}
      onFinish={({ identifier, code }) =>
        sentTo && code ? verify.mutate({ channel, code: code.trim() }) : add.mutate({ identifier: identifier.trim() })
      }
    >
      <Form.Item name="identifier" rules={[{ required: true, whitespace: true, message: t(label) }]}>
        <Input
          aria-label={t(label)}
          placeholder={t(label)}
          inputMode={channel === 'sms' ? 'tel' : 'email'}
          style={{ width: 150 }}
          disabled={sentTo !== null}
        />
      </Form.Item>
      {sentTo && (
        <Form.Item
          name="code"
          label={t('verification.code')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('verification.codePlaceholder') }]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            placeholder={t('verification.codePlaceholder')}
            style={{ width: 120 }}
          />
        </Form.Item>
      )}
      <Form.Item>
        <Button type={sentTo ? 'primary' : 'default'} htmlType="submit" loading={add.isPending || verify.isPending}>
          {sentTo ? t('verification.submit') : t('verification.sendCode')}
        </Button>
      </Form.Item>
    </Form>
  );
}
