import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Tabs, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../lib/trpc.ts';
import { useMe, useResetSession } from '../../lib/session.ts';
import { applyFieldErrors, messageOf } from '../../lib/errors.ts';
import { NewPasswordFields, useAccountRules } from './password-fields.tsx';

type Tab = 'signin' | 'signup';
type SignInValues = { identifier: string; password: string };
type SignUpValues = SignInValues & { name: string; confirm: string; acceptPrivacy?: boolean };
/** a sign-up the server answered: where the code went */
type Sent = SignUpValues & { sentTo: string; validMinutes: number };

/** Only same-site paths: `?next=//evil.example` or `?next=https://…` must not take people away. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/account';
}

/** Sign in and sign up, on one page with two tabs (`?tab=signup` opens the second). */
export default function SignInPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'signup' ? 'signup' : 'signin';
  const me = useMe();

  const chooseTab = (key: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (key === 'signup') next.set('tab', 'signup');
        else next.delete('tab');
        return next;
      },
      { replace: true },
    );

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('account.signInTitle')}
      </Typography.Title>
      <Typography.Paragraph>{t('account.signInIntro')}</Typography.Paragraph>
      {me.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('account.alreadySignedIn', { name: me.data.name })}
          action={<Link to="/account">{t('account.goToAccount')}</Link>}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={chooseTab}
          items={[
            { key: 'signin', label: t('account.signIn'), children: <SignInForm next={safeNext(params.get('next'))} /> },
            { key: 'signup', label: t('account.signUp'), children: <SignUpForm next={safeNext(params.get('next'))} /> },
          ]}
        />
      </Card>
    </div>
  );
}

/** Signed in: start a fresh cache for the new person, then go where they were heading. */
function useAfterSignIn(next: string) {
  const reset = useResetSession();
  const navigate = useNavigate();
  return async () => {
    await reset();
    await navigate(next, { replace: true });
  };
}

/** Server field errors go under their fields; anything else becomes the form's alert. */
function useFormError(form: FormInstance) {
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(applyFieldErrors(form, e) ? null : messageOf(e));
  return { error, clear: () => setError(null), onError };
}

function SignInForm({ next }: { next: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [form] = Form.useForm<SignInValues>();
  const rules = useAccountRules();
  const afterSignIn = useAfterSignIn(next);
  const { error, clear, onError } = useFormError(form);
  const signIn = useMutation(trpc.account.signIn.mutationOptions({ onSuccess: afterSignIn, onError }));

  return (
    <Form<SignInValues>
      form={form}
      name="sign-in"
      layout="vertical"
      requiredMark={false}
      onFinish={(v) => {
        clear();
        signIn.mutate(v);
      }}
    >
      {error && <Alert type="error" showIcon title={t('account.signInFailed')} description={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="identifier" label={t('account.identifier')} rules={rules.identifier}>
        <Input autoComplete="username" placeholder={t('account.identifierPlaceholder')} />
      </Form.Item>
      <Form.Item name="password" label={t('account.password')} rules={[{ required: true, message: t('account.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
        {t('account.submitSignIn')}
      </Button>
      <div style={{ marginTop: 12, textAlign: 'right' }}>
        <Link to="/forgot-password">{t('password-reset.forgotLink')}</Link>
      </div>
    </Form>
  );
}

function SignUpForm({ next }: { next: string }) {
  const [sent, setSent] = useState<Sent | null>(null);
  // back from the code: the details as they were typed
  const [draft, setDraft] = useState<SignUpValues | undefined>(undefined);
  return sent ? (
    <SignUpCode
      next={next}
      sent={sent}
      onBack={() => {
        setDraft(sent);
        setSent(null);
      }}
    />
  ) : (
    <SignUpDetails onSent={setSent} draft={draft} />
  );
}

/** The sign-up's details; the server answers with where the code went, the same whether or not the address is taken. */
function SignUpDetails({ onSent, draft }: { onSent: (s: Sent) => void; draft: SignUpValues | undefined }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [form] = Form.useForm<SignUpValues>();
  const rules = useAccountRules();
  const { error, clear, onError } = useFormError(form);
  const signUp = useMutation(trpc.account.signUp.mutationOptions({ onError }));

  const submit = (values: SignUpValues) => {
    clear();
    const { identifier, password, name } = values;
    signUp.mutate(
      { identifier, password, name, acceptPrivacy: true },
      { onSuccess: (r) => onSent({ ...values, sentTo: r.sentTo, validMinutes: r.validMinutes }) },
    );
  };

  return (
    <Form<SignUpValues> form={form} name="sign-up" layout="vertical" requiredMark={false} onFinish={submit} initialValues={draft}>
      {error && <Alert type="error" showIcon title={t('account.signUpFailed')} description={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="name"
        label={t('account.name')}
        rules={[{ required: true, whitespace: true, message: t('account.nameRequired') }, { max: 50 }]}
      >
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="identifier" label={t('account.identifier')} rules={rules.identifier}>
        <Input autoComplete="username" placeholder={t('account.identifierPlaceholder')} />
      </Form.Item>
      <NewPasswordFields name="password" label={t('account.password')} confirmLabel={t('account.confirmPassword')} />
      <Form.Item
        name="acceptPrivacy"
        valuePropName="checked"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('privacy.required')))) }]}
      >
        <Checkbox>
          {t('privacy.agreeLabel')}
          <a href="/privacy" target="_blank" rel="noreferrer">
            {t('privacy.linkText')}
          </a>
        </Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={signUp.isPending}>
        {t('account.submitSignUp')}
      </Button>
    </Form>
  );
}

/** The code sent to the sign-up's address: it finishes the sign-up and signs in. */
function SignUpCode({ next, sent, onBack }: { next: string; sent: Sent; onBack: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [form] = Form.useForm<{ code: string }>();
  const afterSignIn = useAfterSignIn(next);
  const { error, clear, onError } = useFormError(form);
  const [waitS, setWaitS] = useState(60);
  useEffect(() => {
    if (waitS <= 0) return;
    const timer = setTimeout(() => setWaitS((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [waitS]);
  const complete = useMutation(trpc.account.completeSignUp.mutationOptions({ onSuccess: afterSignIn, onError }));
  const resend = useMutation(trpc.account.signUp.mutationOptions({ onSuccess: (r) => setWaitS(r.resendAfterS), onError }));
  const { identifier, password, name } = sent;

  return (
    <Form<{ code: string }>
      form={form}
      name="sign-up-code"
      layout="vertical"
      requiredMark={false}
      onFinish={({ code }) => {
        clear();
        complete.mutate({ identifier, password, code });
      }}
    >
      <Alert
        role="status"
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('account.signUpSent', { to: sent.sentTo, minutes: sent.validMinutes })}
        description={t('account.signUpSentHint')}
      />
      {error && <Alert type="error" showIcon title={t('account.signUpFailed')} description={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="code"
        label={t('verification.code')}
        rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('verification.codePlaceholder') }]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('verification.codePlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={complete.isPending}>
        {t('account.completeSignUp')}
      </Button>
      <Flex justify="space-between" wrap gap={8} style={{ marginTop: 12 }}>
        <Button type="link" style={{ paddingInline: 0 }} onClick={onBack}>
          {t('account.changeDetails')}
        </Button>
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          disabled={waitS > 0}
          loading={resend.isPending}
          onClick={() => resend.mutate({ identifier, password, name, acceptPrivacy: true })}
        >
          {waitS > 0 ? t('verification.resendIn', { seconds: waitS }) : t('verification.resend')}
        </Button>
      </Flex>
    </Form>
  );
}
