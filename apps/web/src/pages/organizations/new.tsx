import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import {
  partnerTypes,
  schoolLevels,
  type OrganizationKind,
  type PartnerType,
  type SchoolLevel,
} from '@ronghe/domain/constants/organization';
import { useTRPC } from '../../lib/trpc.ts';
import { showFormError } from '../../lib/errors.ts';
import { industryGroups } from '../../lib/industry-options.ts';
import { RegionCascader } from '../../components/region-cascader.tsx';

// The server validates again (including the USCC check character) and answers per field.
// the kinds in the order the form offers them: enterprises first
const kinds = ['enterprise', 'school', 'partner'] as const satisfies readonly OrganizationKind[];
const majorLevels = ['zhongzhi', 'gaozhi', 'benke'] as const;
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const compactPhone = (s: string) => s.replace(/[\s-]/g, '');

type Values = {
  kind?: OrganizationKind;
  name: string;
  regionCode: string[];
  address: string;
  description: string;
  contactName: string;
  contactPhone: string;
  uscc: string;
  industryCode?: string;
  staffCount?: number | null;
  isLeadingEnterprise: boolean;
  schoolCode: string;
  schoolLevel?: SchoolLevel;
  majorCodes: string[];
  partnerType?: PartnerType;
};

// Every field the server may name in an error has a value here, so applyFieldErrors can find it.
const initialValues: Values = {
  name: '',
  regionCode: [],
  address: '',
  description: '',
  contactName: '',
  contactPhone: '',
  uscc: '',
  isLeadingEnterprise: false,
  schoolCode: '',
  majorCodes: [],
};

function toInput(kind: OrganizationKind, v: Values) {
  const common = {
    name: v.name,
    regionCode: v.regionCode.at(-1) ?? '',
    address: v.address,
    description: v.description,
    contactName: v.contactName,
    contactPhone: compactPhone(v.contactPhone),
  };
  switch (kind) {
    case 'enterprise':
      return {
        kind,
        ...common,
        uscc: v.uscc,
        industryCode: v.industryCode ?? '',
        staffCount: v.staffCount ?? 0,
        isLeadingEnterprise: v.isLeadingEnterprise,
      };
    case 'school':
      return { kind, ...common, schoolCode: v.schoolCode, schoolLevel: v.schoolLevel ?? 'zhongzhi', majorCodes: v.majorCodes };
    case 'partner':
      return { kind, ...common, partnerType: v.partnerType ?? 'other', uscc: v.uscc };
  }
}

/** /orgs/new: register an organisation; the signed-in user becomes its owner. */
export default function NewOrganizationPage() {
  return (
    <>
      <RegistrationForm />
    </>
  );
}

function RegistrationForm() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [failure, setFailure] = useState<string | null>(null);
  const industries = useQuery(trpc.reference.industries.queryOptions());
  const majors = useQuery(trpc.reference.majors.queryOptions());

  const create = useMutation(
    trpc.organizations.create.mutationOptions({
      onSuccess: async ({ id }) => {
        void message.success(t('organizations.submitted'));
        await queryClient.invalidateQueries({ queryKey: trpc.account.me.queryKey() });
        void navigate(`/orgs/${id}`);
      },
      onError: (error) => showFormError(form, error, setFailure),
    }),
  );

  const industryOptions = useMemo(() => industryGroups(industries.data?.gbt4754 ?? []), [industries.data]);

  const majorOptions = useMemo(
    () =>
      majorLevels
        .map((level) => ({
          label: t(`organizations.majorLevels.${level}`),
          title: t(`organizations.majorLevels.${level}`),
          options: (majors.data?.majors ?? [])
            .filter((m) => m.level === level)
            .map((m) => ({ value: m.code, label: `${m.code} ${m.name}` })),
        }))
        .filter((g) => g.options.length > 0),
    [majors.data, t],
  );

  const requiredRule = (field: string): Rule => ({
    required: true,
    whitespace: true,
    message: t('organizations.required', { field: t(`organizations.${field}`) }),
  });
  const chooseRule = (field: string): Rule => ({
    required: true,
    message: t('organizations.choose', { field: t(`organizations.${field}`) }),
  });
  const usccRule: Rule = { pattern: USCC_SHAPE, message: t('organizations.usccInvalid') };
  const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase().replace(/\s/g, '') : v);
  const initialKind = kinds.find((k) => k === params.get('kind'));

  const onFinish = (values: Values) => {
    if (!values.kind) return;
    setFailure(null);
    create.mutate(toInput(values.kind, values));
  };

  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('organizations.newTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('organizations.newIntro')}</Typography.Paragraph>

      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ ...initialValues, kind: initialKind }}
        onFinish={onFinish}
        onValuesChange={() => setFailure(null)}
        style={{ maxWidth: 860 }}
        scrollToFirstError={{ block: 'center' }}
      >
        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="kind" label={t('organizations.kind')} rules={[chooseRule('kind')]} style={{ marginBottom: 0 }}>
            <Radio.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 12, width: '100%' }}>
              {kinds.map((k) => (
                <Radio
                  key={k}
                  value={k}
                  style={{
                    margin: 0,
                    padding: 12,
                    borderRadius: 8,
                    border: `1px solid ${kind === k ? '#1f5fbf' : '#d9d9d9'}`,
                    background: kind === k ? '#f0f5ff' : undefined,
                  }}
                >
                  <Typography.Text strong>{t(`kinds.${k}`)}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{t(`organizations.kindHint.${k}`)}</Typography.Text>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        </Card>

        {!kind ? (
          <Typography.Paragraph type="secondary">{t('organizations.chooseKind')}</Typography.Paragraph>
        ) : (
          <>
            <Card title={t('organizations.basics')} style={{ marginBottom: 16 }}>
              <Form.Item name="name" label={t('organizations.name')} rules={[requiredRule('name'), { min: 2, max: 100 }]}>
                <Input maxLength={100} placeholder={t('organizations.namePlaceholder')} autoComplete="organization" />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="regionCode"
                    label={t('organizations.region')}
                    rules={[
                      chooseRule('region'),
                      // a province alone is too coarse; Beijing and Tianjin districts and Hebei prefectures are fine
                      {
                        validator: (_, path: string[]) =>
                          path.length === 1 ? Promise.reject(new Error(t('organizations.regionTooCoarse'))) : Promise.resolve(),
                      },
                    ]}
                  >
                    <RegionCascader changeOnSelect placeholder={t('organizations.regionPlaceholder')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="address" label={t('organizations.address')} rules={[{ max: 200 }]}>
                    <Input maxLength={200} autoComplete="street-address" />
                  </Form.Item>
                </Col>
              </Row>

              {kind === 'enterprise' && (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="uscc"
                      label={t('organizations.uscc')}
                      extra={t('organizations.usccHint')}
                      normalize={upper}
                      rules={[requiredRule('uscc'), usccRule]}
                    >
                      <Input maxLength={18} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name="industryCode" label={t('organizations.industry')} rules={[chooseRule('industry')]}>
                      <Select
                        options={industryOptions}
                        loading={industries.isPending}
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('organizations.industryPlaceholder')}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="staffCount"
                      label={t('organizations.staffCount')}
                      extra={t('organizations.staffCountHint')}
                      rules={[
                        { required: true, message: t('organizations.required', { field: t('organizations.staffCount') }) },
                        { type: 'number', min: 1 },
                      ]}
                    >
                      <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="isLeadingEnterprise"
                      label={t('organizations.leading')}
                      extra={t('organizations.leadingHint')}
                      valuePropName="checked"
                    >
                      <Switch checkedChildren={t('organizations.yes')} unCheckedChildren={t('organizations.no')} />
                    </Form.Item>
                  </Col>
                </Row>
              )}

              {kind === 'school' && (
                <>
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item name="schoolLevel" label={t('organizations.schoolLevel')} rules={[chooseRule('schoolLevel')]}>
                        <Select options={schoolLevels.map((l) => ({ value: l, label: t(`schoolLevels.${l}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name="schoolCode"
                        label={t('organizations.schoolCode')}
                        extra={t('organizations.schoolCodeHint')}
                        rules={[{ pattern: /^\d{10}$/, message: t('organizations.schoolCodeInvalid') }]}
                      >
                        <Input maxLength={10} inputMode="numeric" autoComplete="off" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="majorCodes" label={t('organizations.majors')} extra={t('organizations.majorsHint')}>
                    <Select
                      mode="multiple"
                      options={majorOptions}
                      loading={majors.isPending}
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder={t('organizations.majorsPlaceholder')}
                    />
                  </Form.Item>
                </>
              )}

              {kind === 'partner' && (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item name="partnerType" label={t('organizations.partnerType')} rules={[chooseRule('partnerType')]}>
                      <Select options={partnerTypes.map((p) => ({ value: p, label: t(`organizations.partnerTypes.${p}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="uscc"
                      label={t('organizations.uscc')}
                      extra={t('organizations.usccOptionalHint')}
                      normalize={upper}
                      rules={[usccRule]}
                    >
                      <Input maxLength={18} autoComplete="off" spellCheck={false} style={{ fontFamily: 'monospace' }} />
                    </Form.Item>
                  </Col>
                </Row>
              )}

              <Form.Item name="description" label={t('organizations.description')} rules={[{ max: 2000 }]} style={{ marginBottom: 0 }}>
                <Input.TextArea rows={4} maxLength={2000} showCount />
              </Form.Item>
            </Card>

            <Card title={t('organizations.contact')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="contactName" label={t('organizations.contactName')} rules={[{ max: 50 }]}>
                    <Input maxLength={50} autoComplete="name" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="contactPhone"
                    label={t('organizations.contactPhone')}
                    rules={[
                      {
                        validator: (_, v: string) =>
                          !v || MOBILE.test(compactPhone(v))
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('organizations.contactPhoneInvalid'))),
                      },
                    ]}
                  >
                    <Input inputMode="tel" autoComplete="tel" maxLength={20} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            {failure && (
              <Alert type="error" showIcon title={t('organizations.submitFailed')} description={failure} style={{ marginBottom: 16 }} />
            )}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={create.isPending}>
                {t('organizations.submit')}
              </Button>
              <Button onClick={() => void navigate(-1)}>{t('organizations.cancel')}</Button>
            </Space>
          </>
        )}
      </Form>
    </>
  );
}
