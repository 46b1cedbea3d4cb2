import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isMobile } from '@ronghe/domain/account';
import { useTRPC } from '../../lib/trpc.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { useResetSession } from '../../lib/session.ts';
import { NewPasswordFields, useAccountRules } from './password-fields.tsx';

// Forgotten passwords (issue 20): /forgot-password asks for a link (email) or a code (mobile) and takes the code;
// /reset-password?token=… is where the emailed link lands. Either way every session ends, this browser's too.

const RESET_MINUTES = 30;

function Frame({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {title}
      </Typography.Title>
      {intro && <Typography.Paragraph>{intro}</Typography.Paragraph>}
      <Card>{children}</Card>
    </div>
  );
}

/** Shown once the password is reset: this browser's session ended too, so its cached account is dropped. */
function ResetDone() {
  const { t } = useTranslation();
  return (
    <Result
      status="success"
      title={t('password-reset.done')}
      extra={
        <Link to="/login">
          <Button type="primary">{t('password-reset.toSignIn')}</Button>
        </Link>
      }
    />
  );
}

type NewPasswordValues = { newPassword: string; confirm: string; code?: string };

function useReset(form: ReturnType<typeof Form.useForm<NewPasswordValues>>[0]) {
  const trpc = useTRPC();
  const resetSession = useResetSession();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const mutation = useMutation(
    trpc.account.resetPassword.mutationOptions({
      onSuccess: async () => {
        setDone(true);
        await resetSession();
      },
      onError: (e) => setError(applyFieldErrors(form, e) ? null : messageOf(e)),
    }),
  );
  return { mutation, error, clearError: () => setError(null), done };
}

function ForgotPasswordPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const rules = useAccountRules();
  const [askForm] = Form.useForm<{ identifier: string }>();
  const [resetForm] = Form.useForm<NewPasswordValues>();
  const [sent, setSent] = useState<{ channel: 'email' | 'sms'; sentTo: string; mobile: string } | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const ask = useMutation(
    trpc.account.requestPasswordReset.mutationOptions({
      onError: (e) => setAskError(applyFieldErrors(askForm, e) ? null : messageOf(e)),
    }),
  );
  const reset = useReset(resetForm);

  if (reset.done)
    return (
      <Frame title={t('password-reset.forgotTitle')}>
        <ResetDone />
      </Frame>
    );

  return (
    <Frame title={t('password-reset.forgotTitle')} intro={t('password-reset.forgotIntro', { minutes: RESET_MINUTES })}>
      <Form<{ identifier: string }>
        form={askForm}
        name="forgot-password"
        layout="vertical"
        requiredMark={false}
        onFinish={({ identifier }) => {
          setAskError(null);
          ask.mutate(
            { identifier },
            {
              onSuccess: (r) =>
                setSent({ channel: r.channel, sentTo: r.sentTo, mobile: isMobile(identifier.trim()) ? identifier.trim() : '' }),
            },
          );
        }}
      >
        {askError && <Alert type="error" showIcon title={askError} style={{ marginBottom: 16 }} />}
        <Form.Item name="identifier" label={t('password-reset.identifier')} rules={rules.identifier}>
          <Input autoComplete="username" placeholder={t('account.identifierPlaceholder')} />
        </Form.Item>
        <Button type={sent ? 'default' : 'primary'} htmlType="submit" block loading={ask.isPending}>
          {sent ? t('password-reset.again') : t('password-reset.send')}
        </Button>
      </Form>
      {sent && (
        <Alert
          role="status"
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          title={t(sent.channel === 'email' ? 'password-reset.sentEmail' : 'password-reset.sentSms', { to: sent.sentTo })}
        />
      )}
      {sent?.channel === 'sms' && (
        <Form<NewPasswordValues>
          form={resetForm}
          name="reset-by-code"
          layout="vertical"
          requiredMark={false}
          style={{ marginTop: 16 }}
          onFinish={({ code, newPassword }) => {
            reset.clearError();
            reset.mutation.mutate({ mobile: sent.mobile, code: code ?? '', newPassword });
          }}
        >
          {reset.error && (
            <Alert type="error" showIcon title={t('password-reset.failed')} description={reset.error} style={{ marginBottom: 16 }} />
          )}
          <Form.Item
            name="code"
            label={t('password-reset.code')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('verification.codePlaceholder') }]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
          <NewPasswordFields name="newPassword" label={t('password-reset.newPassword')} confirmLabel={t('password-reset.confirm')} />
          <Button type="primary" htmlType="submit" block loading={reset.mutation.isPending}>
            {t('password-reset.submit')}
          </Button>
        </Form>
      )}
    </Frame>
  );
}

function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<NewPasswordValues>();
  const reset = useReset(form);

  if (reset.done)
    return (
      <Frame title={t('password-reset.resetTitle')}>
        <ResetDone />
      </Frame>
    );
  if (token.length < 20)
    return (
      <Frame title={t('password-reset.resetTitle')}>
        <Alert
          type="warning"
          showIcon
          title={t('password-reset.noToken')}
          action={<Link to="/forgot-password">{t('password-reset.again')}</Link>}
        />
      </Frame>
    );
  return (
    <Frame title={t('password-reset.resetTitle')} intro={t('password-reset.resetIntro')}>
      <Form<NewPasswordValues>
        form={form}
        name="reset-password"
        layout="vertical"
        requiredMark={false}
        onFinish={({ newPassword }) => {
          reset.clearError();
          reset.mutation.mutate({ token, newPassword });
        }}
      >
        {reset.error && (
          <Alert
            type="error"
            showIcon
            title={t('password-reset.failed')}
            description={reset.error}
            action={<Link to="/forgot-password">{t('password-reset.again')}</Link>}
            style={{ marginBottom: 16 }}
          />
        )}
        <NewPasswordFields name="newPassword" label={t('password-reset.newPassword')} confirmLabel={t('password-reset.confirm')} />
        <Button type="primary" htmlType="submit" block loading={reset.mutation.isPending}>
          {t('password-reset.submit')}
        </Button>
      </Form>
    </Frame>
  );
}

/** /forgot-password asks; /reset-password?token=… is where the emailed link lands (one chunk for both). */
export default function PasswordResetPage() {
  return useLocation().pathname === '/reset-password' ? <ResetPasswordPage /> : <ForgotPasswordPage />;
}
