import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Radio, Result, Row, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { consortiumKinds as kinds, type ConsortiumKind, type ConsortiumLevel } from '@ronghe/domain/constants/consortium';
import { useTRPC } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { showFormError } from '../../lib/errors.ts';
import { industryGroups } from '../../lib/industry-options.ts';
import { RegionCascader } from '../../components/region-cascader.tsx';
import { Heading } from '../../components/heading.tsx';

// the levels in the order the form offers them (the city's own first); the server validates again and answers per field
const levels = ['municipal', 'district', 'national'] as const satisfies readonly ConsortiumLevel[];

type Values = {
  organizationId?: string;
  kind?: ConsortiumKind;
  level?: ConsortiumLevel;
  name: string;
  industryCode?: string;
  gaojingjian?: string;
  anchorRegionCode: string[];
  foundedOn?: Dayjs | null;
  goals: string;
  charter: string;
};

/** /consortia/new: a manager of a verified organisation proposes a consortium; the organisation becomes its first lead. */
export default function NewConsortiumPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  const acting = me.memberships.filter((m) => (m.role === 'owner' || m.role === 'manager') && m.status === 'verified');
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('consortia.newTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('consortia.newIntro')}</Typography.Paragraph>
      {acting.length === 0 ? (
        <Result
          status="info"
          title={<Heading style={{ fontSize: 22 }}>{t('consortia.needVerifiedTitle')}</Heading>}
          subTitle={t('consortia.needVerifiedBody')}
          extra={<Link to="/account">{t('consortia.goAccount')}</Link>}
        />
      ) : (
        <ProposalForm acting={acting} preferred={me.activeOrganizationId} />
      )}
    </>
  );
}

function ProposalForm({ acting, preferred }: { acting: Array<{ organizationId: string; name: string }>; preferred: string | null }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [failure, setFailure] = useState<string | null>(null);
  const industries = useQuery(trpc.reference.industries.queryOptions());

  const propose = useMutation(
    trpc.consortia.propose.mutationOptions({
      onSuccess: async ({ id }) => {
        void message.success(t('consortia.created'));
        await queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
        void navigate(`/consortia/${id}`);
      },
      onError: (error) => showFormError(form, error, setFailure),
    }),
  );

  const industryOptions = useMemo(() => industryGroups(industries.data?.gbt4754 ?? []), [industries.data]);

  // Beijing's "2441" structure, grouped as the plan groups it
  const gaojingjianOptions = useMemo(() => {
    const rows = (industries.data?.gaojingjian ?? []).filter((g) => g.framework === '2021_2441_plan').toSorted((a, b) => a.seq - b.seq);
    const groups = [...new Set(rows.map((r) => r.group ?? ''))];
    return groups.map((g) => ({
      label: g,
      title: g,
      options: rows.filter((r) => (r.group ?? '') === g).map((r) => ({ value: r.name, label: r.name })),
    }));
  }, [industries.data]);

  const field = (key: string) => t(`consortia.${key}`);
  const requiredRule = (key: string): Rule => ({
    required: true,
    whitespace: true,
    message: t('consortia.required', { field: field(key) }),
  });
  const chooseRule = (key: string): Rule => ({ required: true, message: t('consortia.choose', { field: field(key) }) });

  const onFinish = (v: Values) => {
    if (!v.organizationId || !v.kind || !v.level) return;
    setFailure(null);
    propose.mutate({
      organizationId: v.organizationId,
      kind: v.kind,
      level: v.level,
      name: v.name.trim(),
      industryCode: v.industryCode || undefined,
      gaojingjian: v.gaojingjian || undefined,
      anchorRegionCode: v.anchorRegionCode.at(-1) ?? '',
      foundedOn: v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : undefined,
      goals: v.goals,
      charter: v.charter,
    });
  };

  // Every field the server may name in an error has a key here, so applyFieldErrors can find it.
  const initialValues: Values = {
    organizationId: acting.find((a) => a.organizationId === preferred)?.organizationId ?? acting[0]?.organizationId,
    kind: undefined,
    level: 'municipal',
    name: '',
    industryCode: undefined,
    gaojingjian: undefined,
    anchorRegionCode: [],
    foundedOn: null,
    goals: '',
    charter: '',
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={() => setFailure(null)}
      style={{ maxWidth: 860 }}
      scrollToFirstError={{ block: 'center' }}
    >
      <Card style={{ marginBottom: 16 }}>
        <Form.Item
          name="organizationId"
          label={t('consortia.actingOrg')}
          extra={t('consortia.actingOrgHint')}
          rules={[chooseRule('actingOrg')]}
        >
          <Select options={acting.map((a) => ({ value: a.organizationId, label: a.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('consortia.kind')} rules={[chooseRule('kind')]} style={{ marginBottom: 0 }}>
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
                <Typography.Text strong>{t(`consortia.kinds.${k}`)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t(`consortia.kindHints.${k}`)}</Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Card>

      <Card title={<Heading style={{ fontSize: 16 }}>{t('consortia.basics')}</Heading>} style={{ marginBottom: 16 }}>
        <Form.Item name="name" label={t('consortia.nameLabel')} rules={[requiredRule('nameLabel'), { min: 2, max: 100 }]}>
          <Input maxLength={100} placeholder={t('consortia.namePlaceholder')} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={t('consortia.level')} rules={[chooseRule('level')]}>
              <Select options={levels.map((l) => ({ value: l, label: t(`consortia.levels.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="foundedOn" label={t('consortia.foundedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="industryCode"
              label={t('consortia.industry')}
              rules={kind === 'industry_community' ? [{ required: true, message: t('consortia.industryRequired') }] : []}
              dependencies={['kind']}
            >
              <Select
                allowClear
                options={industryOptions}
                loading={industries.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('consortia.industryPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="gaojingjian" label={t('consortia.gaojingjian')}>
              <Select
                allowClear
                options={gaojingjianOptions}
                loading={industries.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('consortia.gaojingjianPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="anchorRegionCode"
              label={t('consortia.anchorRegion')}
              extra={t('consortia.anchorRegionHint')}
              rules={[chooseRule('anchorRegion')]}
            >
              <RegionCascader changeOnSelect />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="goals" label={t('consortia.goals')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount placeholder={t('consortia.goalsPlaceholder')} />
        </Form.Item>
        <Form.Item name="charter" label={t('consortia.charter')} rules={[{ max: 20000 }]} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={6} maxLength={20000} showCount placeholder={t('consortia.charterPlaceholder')} />
        </Form.Item>
      </Card>

      {failure && <Alert type="error" showIcon title={t('consortia.createFailed')} description={failure} style={{ marginBottom: 16 }} />}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={propose.isPending}>
          {t('consortia.create')}
        </Button>
        <Button onClick={() => void navigate(-1)}>{t('consortia.cancel')}</Button>
      </Space>
    </Form>
  );
}
