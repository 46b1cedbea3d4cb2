import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, Result, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { NeedInput, NeedKind, NeedStatus } from '@ronghe/domain/need';
import { useTRPC, type RouterOutputs } from '../../lib/trpc.ts';
import { useSignedInUser } from '../../lib/session.ts';
import { messageOf } from '../../lib/errors.ts';
import { QueryState } from '../../components/query-state.tsx';
import { RegionCascader } from '../../components/region-cascader.tsx';
import { Heading } from '../../components/heading.tsx';
import { KindFields, type KindValues } from './new-kind-fields.tsx';
import { applyNeedErrors, managed, needKinds, useMajorNames } from './shared.tsx';

type Values = KindValues & {
  organizationId?: string;
  kind: NeedKind;
  title: string;
  description: string;
  regionCode: string[];
  deadline?: Dayjs | null;
  majorCodes: string[];
};

/** /needs/new: a manager of a verified enterprise drafts a need, and may publish it at once. /needs/:id/edit: edits one. */
export default function NewNeedPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useSignedInUser();
  const acting = managed(me.memberships, 'enterprise');
  if (id) return <EditNeed id={id} acting={acting} />;
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('needs.newTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('needs.newIntro')}</Typography.Paragraph>
      {acting.length === 0 ? (
        <Result
          status="info"
          title={<Heading style={{ fontSize: 22 }}>{t('needs.needEnterpriseTitle')}</Heading>}
          subTitle={t('needs.needEnterpriseBody')}
          extra={<Link to="/account">{t('needs.goAccount')}</Link>}
        />
      ) : (
        <NeedForm acting={acting} preferred={me.activeOrganizationId} />
      )}
    </>
  );
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');

function toInput(v: Values): NeedInput {
  const common = {
    title: v.title.trim(),
    description: v.description,
    regionCode: v.regionCode.at(-1) ?? '',
    deadline: day(v.deadline),
    majorCodes: v.majorCodes,
  };
  const [from, to] = v.period ?? [];
  const n = (x: number | null | undefined) => x ?? 0;
  switch (v.kind) {
    case 'internship':
      return {
        kind: 'internship',
        ...common,
        post: v.post ?? '',
        headcount: n(v.headcount),
        periodFrom: day(from),
        periodTo: day(to),
        dailyHours: n(v.dailyHours),
        monthlyPay: n(v.monthlyPay),
        probationWage: n(v.probationWage),
        accommodation: v.accommodation ?? false,
        postStaffCount: n(v.postStaffCount),
      };
    case 'order_class':
      return { kind: 'order_class', ...common, intake: n(v.intake), years: n(v.years) };
    case 'curriculum':
      return { kind: 'curriculum', ...common, courseName: v.courseName ?? '' };
    case 'textbook':
      return { kind: 'textbook', ...common, bookTitle: v.bookTitle ?? '' };
    case 'teacher_practice':
      return { kind: 'teacher_practice', ...common, positions: n(v.positions), periodFrom: day(from), periodTo: day(to) };
    case 'technical_problem':
      return { kind: 'technical_problem', ...common, problem: v.problem ?? '', budget: v.budget ?? null };
    case 'base_building':
      return { kind: 'base_building', ...common, plannedStations: n(v.plannedStations) };
  }
}

type Editing = { id: string; status: NeedStatus; initial: Partial<Values> };

/** The path from province to a region (what RegionCascader takes), from reference.regions. */
function regionPathOf(rows: ReadonlyArray<{ code: string; parentCode: string | null }>, code: string): string[] {
  const parent = new Map(rows.map((r) => [r.code, r.parentCode]));
  const path: string[] = [];
  for (let c: string | null | undefined = code; c; c = parent.get(c)) path.unshift(c);
  return path;
}

/** A stored need as the form's values. */
function valuesOf(n: RouterOutputs['needs']['get'], regionPath: string[]): Partial<Values> {
  const { periodFrom: _from, periodTo: _to, ...d }: Omit<KindValues, 'period'> & { periodFrom?: string; periodTo?: string } = n.details;
  return {
    ...d,
    kind: n.kind,
    title: n.title,
    description: n.description,
    regionCode: regionPath,
    deadline: dayjs(n.deadline),
    majorCodes: n.majorCodes,
    period: n.periodFrom && n.periodTo ? [dayjs(n.periodFrom), dayjs(n.periodTo)] : null,
    accommodation: d.accommodation ?? false,
  };
}

function EditNeed({ id, acting }: { id: string; acting: Array<{ organizationId: string; name: string }> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const need = useQuery(trpc.needs.get.queryOptions({ id }));
  const regions = useQuery(trpc.reference.regions.queryOptions());
  const n = need.data;
  const mine = !!n && acting.some((a) => a.organizationId === n.organizationId);
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 8 }}>
        {t('needs.editTitle')}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 820 }}>{t('needs.editIntro')}</Typography.Paragraph>
      <QueryState query={need}>
        {n && regions.data ? (
          mine && ['draft', 'published', 'filled'].includes(n.status) ? (
            <NeedForm
              acting={acting}
              preferred={n.organizationId}
              editing={{ id, status: n.status, initial: valuesOf(n, regionPathOf(regions.data, n.regionCode)) }}
            />
          ) : (
            <Result
              status="info"
              title={<Heading style={{ fontSize: 22 }}>{t('needs.cannotEdit')}</Heading>}
              extra={<Link to={`/needs/${id}`}>{t('needs.backToNeed')}</Link>}
            />
          )
        ) : null}
      </QueryState>
    </>
  );
}

function NeedForm({
  acting,
  preferred,
  editing,
}: {
  acting: Array<{ organizationId: string; name: string }>;
  preferred: string | null;
  editing?: Editing;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'internship';
  const [failure, setFailure] = useState<{ title: string; text: string; draftId?: string } | null>(null);
  const { majors } = useMajorNames();
  const create = useMutation(trpc.needs.create.mutationOptions());
  const publish = useMutation(trpc.needs.publish.mutationOptions());
  const update = useMutation(trpc.needs.update.mutationOptions());

  const submit = async (andPublish: boolean) => {
    setFailure(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (editing) {
      try {
        await update.mutateAsync({ id: editing.id, data: toInput(v) });
      } catch (error) {
        applyNeedErrors(form, error);
        setFailure({ title: t('needs.updateFailed'), text: messageOf(error) });
        return;
      }
      await queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() });
      void message.success(t('needs.updated'));
      void navigate(`/needs/${editing.id}`);
      return;
    }
    const organizationId = v.organizationId ?? acting[0]?.organizationId;
    if (!organizationId) return;
    let id: string;
    try {
      id = (await create.mutateAsync({ organizationId, need: toInput(v) })).id;
    } catch (error) {
      if (!applyNeedErrors(form, error)) setFailure({ title: t('needs.createFailed'), text: messageOf(error) });
      return;
    }
    await queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() });
    if (andPublish) {
      try {
        await publish.mutateAsync({ id });
      } catch (error) {
        applyNeedErrors(form, error);
        setFailure({ title: t('needs.publishFailed'), text: messageOf(error), draftId: id });
        return;
      }
      await queryClient.invalidateQueries({ queryKey: trpc.needs.pathKey() });
    }
    void message.success(t(andPublish ? 'needs.published' : 'needs.saved'));
    void navigate(`/needs/${id}`);
  };

  const required = (key: string) => ({ required: true, whitespace: true, message: t('needs.required', { field: t(`needs.${key}`) }) });
  const choose = (key: string) => ({ required: true, message: t('needs.choose', { field: t(`needs.${key}`) }) });
  const majorRequired = kind === 'internship' || kind === 'order_class';

  const initialValues: Partial<Values> = editing
    ? { organizationId: preferred ?? undefined, ...editing.initial }
    : {
        organizationId: acting.find((a) => a.organizationId === preferred)?.organizationId ?? acting[0]?.organizationId,
        kind: 'internship',
        title: '',
        description: '',
        regionCode: [],
        deadline: null,
        majorCodes: [],
        accommodation: false,
      };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => setFailure(null)}
      style={{ maxWidth: 860 }}
    >
      <Card title={<Heading>{t('needs.basics')}</Heading>} style={{ marginBottom: 16 }}>
        <Form.Item name="organizationId" label={t('needs.org')} rules={[choose('org')]} hidden={acting.length < 2 || !!editing}>
          <Select options={acting.map((a) => ({ value: a.organizationId, label: a.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('needs.kind')} rules={[choose('kind')]}>
          <Select
            disabled={!!editing && editing.status !== 'draft'}
            options={needKinds.map((k) => ({ value: k, label: t(`needs.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('needs.titleLabel')} rules={[required('titleLabel'), { min: 2, max: 100 }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('needs.description')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} maxLength={5000} showCount />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('needs.region')} rules={[choose('region')]}>
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="deadline" label={t('needs.deadline')} rules={[choose('deadline')]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="majorCodes"
          label={t('needs.majors')}
          rules={majorRequired ? [choose('majors')] : []}
          dependencies={['kind']}
          style={{ marginBottom: 0 }}
        >
          <Select
            mode="multiple"
            maxCount={10}
            loading={majors.isPending}
            placeholder={t('needs.majorsPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(majors.data?.majors ?? []).map((m) => ({ value: m.code, label: `${m.code} ${m.name}` }))}
          />
        </Form.Item>
      </Card>

      <Card title={<Heading>{t('needs.kindFields', { kind: t(`needs.kinds.${kind}`) })}</Heading>} style={{ marginBottom: 16 }}>
        <KindFields kind={kind} />
      </Card>

      {failure && (
        <Alert
          type="error"
          role="alert"
          showIcon
          title={failure.title}
          description={failure.text}
          action={failure.draftId ? <Link to={`/needs/${failure.draftId}`}>{t('needs.viewDraft')}</Link> : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      {editing ? (
        <Space wrap>
          <Button type="primary" onClick={() => void submit(false)} loading={update.isPending}>
            {t('needs.saveChanges')}
          </Button>
          <Link to={`/needs/${editing.id}`}>{t('needs.cancelEdit')}</Link>
        </Space>
      ) : (
        <Space wrap>
          <Button onClick={() => void submit(false)} loading={create.isPending && !publish.isPending}>
            {t('needs.saveDraft')}
          </Button>
          <Button type="primary" onClick={() => void submit(true)} loading={publish.isPending}>
            {t('needs.saveAndPublish')}
          </Button>
        </Space>
      )}
    </Form>
  );
}
