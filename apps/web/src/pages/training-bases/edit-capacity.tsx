// The base form's later sections: capacity and equipment, access for partners, and the contact.
import { Button, Card, Col, Form, Grid, Input, InputNumber, Radio, Row, Switch, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { Heading } from '../../components/heading.tsx';
import { MAX_STATIONS, MOBILE, compactPhone, terms, type Values } from './edit-values.tsx';
import { usePublishText } from './edit-sections.tsx';

/** A whole number from 1 to MAX_STATIONS; `field` names it in the "required" message. */
function useCountRule() {
  const { p } = usePublishText();
  return (field: string): Rule => ({
    validator: (_, v: number | null | undefined) => {
      if (v === null || v === undefined) return Promise.reject(new Error(p('required', { field: p(field) })));
      if (!Number.isInteger(v) || v < 1) return Promise.reject(new Error(p('positive')));
      return v > MAX_STATIONS ? Promise.reject(new Error(p('tooMany', { max: MAX_STATIONS }))) : Promise.resolve();
    },
  });
}

function EquipmentList() {
  const { p, required } = usePublishText();
  const count = useCountRule();
  const wide = Grid.useBreakpoint().md;
  return (
    <Form.List name="equipment">
      {(fields, { add, remove }) => (
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 8, border: 0 }}>{p('equipment')}</legend>
          {fields.length === 0 && <Typography.Paragraph type="secondary">{p('equipmentEmpty')}</Typography.Paragraph>}
          {fields.map((field, i) => (
            <div
              key={field.key}
              style={{
                display: 'flex',
                flexWrap: 'wrap',
                gap: '0 12px',
                alignItems: 'flex-start',
                borderBottom: wide ? undefined : '1px solid #f0f0f0',
                marginBottom: wide ? 0 : 12,
              }}
            >
              <Form.Item
                name={[field.name, 'name']}
                label={p('equipmentName')}
                rules={[required('equipmentName'), { max: 100 }]}
                style={{ flex: '2 1 200px', minWidth: 0 }}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'model']}
                label={p('equipmentModel')}
                rules={[{ max: 100 }]}
                style={{ flex: '2 1 160px', minWidth: 0 }}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'count']}
                label={p('equipmentCount')}
                required
                rules={[count('equipmentCount')]}
                style={{ flex: '0 1 110px' }}
              >
                <InputNumber precision={0} style={{ width: '100%' }} inputMode="numeric" />
              </Form.Item>
              <Form.Item style={wide ? { paddingTop: 30 } : undefined}>
                <Button danger onClick={() => remove(field.name)} aria-label={p('removeEquipment', { n: i + 1 })}>
                  {p('remove')}
                </Button>
              </Form.Item>
            </div>
          ))}
          <Button onClick={() => add({ name: '', model: '', count: 1 })} disabled={fields.length >= 200}>
            {p('addEquipment')}
          </Button>
        </fieldset>
      )}
    </Form.List>
  );
}

export function CapacitySection() {
  const { p } = usePublishText();
  const count = useCountRule();
  return (
    <Card title={<Heading>{p('sections.capacity')}</Heading>} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item name="stations" label={p('stations')} required rules={[count('stations')]}>
            <InputNumber precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="dailyCapacity" label={p('dailyCapacity')} required rules={[count('dailyCapacity')]}>
            <InputNumber precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <EquipmentList />
    </Card>
  );
}

export function OpeningSection() {
  const { t, p, choose } = usePublishText();
  const form = Form.useFormInstance<Values>();
  const open = Form.useWatch('openToPartners', form);
  return (
    <Card title={<Heading>{p('sections.opening')}</Heading>} style={{ marginBottom: 16 }}>
      <Form.Item name="openingHours" label={p('openingHours')} rules={[{ max: 200 }]}>
        <Input maxLength={200} placeholder={p('openingHoursPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="openToPartners"
        label={p('openToPartners')}
        extra={p('openToPartnersHint')}
        valuePropName="checked"
        style={open ? undefined : { marginBottom: 0 }}
      >
        <Switch checkedChildren={p('yes')} unCheckedChildren={p('no')} />
      </Form.Item>
      {open && (
        <>
          <Form.Item name="openTerms" label={p('openTerms')} rules={[choose('openTerms')]}>
            <Radio.Group options={terms.map((k) => ({ value: k, label: t(`bases.terms.${k}`) }))} />
          </Form.Item>
          <Form.Item name="termsNote" label={p('termsNote')} rules={[{ max: 1000 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder={p('termsNotePlaceholder')} />
          </Form.Item>
        </>
      )}
    </Card>
  );
}

export function ContactSection() {
  const { p } = usePublishText();
  return (
    <Card title={<Heading>{p('sections.contact')}</Heading>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{p('contactHint')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="contactName" label={p('contactName')} rules={[{ max: 50 }]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="contactPhone"
            label={p('contactPhone')}
            rules={[
              {
                validator: (_, v: string) =>
                  !v || MOBILE.test(compactPhone(v)) ? Promise.resolve() : Promise.reject(new Error(p('phoneInvalid'))),
              },
            ]}
          >
            <Input inputMode="tel" autoComplete="tel" maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactEmail" label={p('contactEmail')} rules={[{ type: 'email', message: p('emailInvalid') }]}>
            <Input inputMode="email" autoComplete="email" maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
