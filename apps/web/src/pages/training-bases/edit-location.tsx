// The base form's location: region, address and coordinates, typed or picked on a map of 京津冀.
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Col, Form, Grid, Input, InputNumber, Row, Spin, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { RegionCascader } from '../../components/region-cascader.tsx';
import type { Point } from '../../components/coordinate-picker.tsx';
import { Heading } from '../../components/heading.tsx';
import { jjjBounds, type Values } from './edit-values.tsx';
import { usePublishText } from './edit-sections.tsx';

// ECharts loads only when the map is opened.
const CoordinatePicker = lazy(() => import('../../components/coordinate-picker.tsx'));

const PICKER_ID = 'base-coordinate-picker';

export function LocationSection() {
  const { p, required, choose } = usePublishText();
  const form = Form.useFormInstance<Values>();
  const lng = Form.useWatch('lng', form);
  const lat = Form.useWatch('lat', form);
  const [open, setOpen] = useState(false);
  const wide = Grid.useBreakpoint().md;

  // like the server, one message under 经度 for a point outside 京津冀 (the server also checks the outline, not just this box)
  const coordinate = (axis: 'lng' | 'lat'): Rule => ({
    validator: (_, v: number | null | undefined) => {
      if (v === null || v === undefined) return Promise.reject(new Error(p('required', { field: p(axis) })));
      const other = form.getFieldValue(axis === 'lng' ? 'lat' : 'lng') as unknown;
      if (axis === 'lat' || typeof other !== 'number') return Promise.resolve();
      const inside = v >= jjjBounds.minLng && v <= jjjBounds.maxLng && other >= jjjBounds.minLat && other <= jjjBounds.maxLat;
      return inside ? Promise.resolve() : Promise.reject(new Error(p('outsideJjj')));
    },
  });

  const pick = (point: Point) => {
    form.setFieldsValue(point);
    void form.validateFields(['lng', 'lat']).catch(() => undefined);
  };

  const value = typeof lng === 'number' && typeof lat === 'number' ? { lng, lat } : null;

  return (
    <Card title={<Heading>{p('sections.location')}</Heading>} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label={p('region')} extra={p('regionHint')} rules={[choose('region')]}>
            <RegionCascader placeholder={p('regionPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={p('address')} rules={[required('address'), { min: 2, max: 200, message: p('addressLength') }]}>
            <Input maxLength={200} autoComplete="street-address" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {p('coordsHint')}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={12} md={8}>
          <Form.Item name="lng" label={p('lng')} required rules={[coordinate('lng')]} dependencies={['lat']}>
            <InputNumber step={0.000001} precision={6} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="lat" label={p('lat')} required rules={[coordinate('lat')]}>
            <InputNumber step={0.000001} precision={6} style={{ width: '100%' }} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          {/* level with the inputs beside it (below their labels); on its own line on a phone */}
          <Form.Item style={wide ? { paddingTop: 30 } : undefined}>
            <Button onClick={() => setOpen((o) => !o)} aria-expanded={open} aria-controls={PICKER_ID}>
              {open ? p('hideMap') : p('pickOnMap')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      <div id={PICKER_ID} hidden={!open}>
        {open && (
          <Suspense fallback={<Spin />}>
            <CoordinatePicker value={value} onPick={pick} />
          </Suspense>
        )}
      </div>
    </Card>
  );
}
