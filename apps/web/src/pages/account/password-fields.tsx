import { Form, Input } from 'antd';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { identifierSchema, passwordSchema } from '@ronghe/domain/account';

/** Client-side checks of an email-or-mobile and of a new password: the server's own schemas, with our messages. */
export function useAccountRules() {
  const { t } = useTranslation();
  const identifier: FormRule[] = [
    { required: true, whitespace: true, message: t('account.identifierRequired') },
    {
      validator: (_, v: string | undefined) =>
        !v?.trim() || identifierSchema.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('account.identifierInvalid'))),
    },
  ];
  const newPassword: FormRule[] = [
    { required: true, message: t('account.passwordRequired') },
    {
      validator: (_, v: string | undefined) =>
        !v || passwordSchema.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('account.passwordWeak'))),
    },
  ];
  return { identifier, newPassword };
}

/** A new password and its confirmation, as the fields `name` and `confirm` of the surrounding form. */
export function NewPasswordFields({ name, label, confirmLabel }: { name: string; label: string; confirmLabel: string }) {
  const { t } = useTranslation();
  const rules = useAccountRules();
  return (
    <>
      <Form.Item name={name} label={label} extra={t('account.passwordRule')} rules={rules.newPassword}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: t('account.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              !v || getFieldValue(name) === v ? Promise.resolve() : Promise.reject(new Error(t('account.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
