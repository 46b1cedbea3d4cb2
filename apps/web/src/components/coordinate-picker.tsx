import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { escapeHtml } from '../lib/escape-html.ts';

// Import this module lazily (React.lazy): it brings ECharts, which should stay off pages without a map.
echarts.use([GeoComponent, ScatterChart, TooltipComponent, CanvasRenderer]);

const MAP = 'jjj-picker';
const files = ['/maps/beijing.geojson', '/maps/tianjin.geojson', '/maps/hebei.geojson'] as const;

let loading: Promise<void> | null = null;

/** Fetches the three GeoJSON files once and registers them as one map (region names in Chinese, for the tooltip). */
function loadMap(): Promise<void> {
  loading ??= Promise.all(
    files.map(async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return (await res.json()) as { features: unknown[] };
    }),
  )
    .then((collections) => {
      const features = collections.flatMap((c) => c.features);
      echarts.registerMap(MAP, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
    })
    .catch((error: unknown) => {
      loading = null; // let a later mount try again
      throw error;
    });
  return loading;
}

export type Point = { lng: number; lat: number };

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const pinData = (p: Point | null | undefined) => (p ? [[p.lng, p.lat]] : []);

function baseOption(value: Point | null | undefined) {
  return {
    // written with innerHTML: escaped like every formatter's output
    tooltip: { trigger: 'item', formatter: (p: { name?: string }) => escapeHtml(p.name ?? '') },
    geo: {
      map: MAP,
      roam: true,
      scaleLimit: { min: 1, max: 40 },
      top: 8,
      bottom: 8,
      label: { show: false },
      itemStyle: { areaColor: '#eef4fc', borderColor: '#7f8fa6', borderWidth: 0.6 },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#d6e4f7' } },
      select: { disabled: true },
      tooltip: { show: true },
    },
    series: [
      {
        id: 'pin',
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'pin',
        symbolSize: 34,
        symbolOffset: [0, '-40%'],
        itemStyle: { color: '#c41d1d', borderColor: '#ffffff', borderWidth: 1 },
        tooltip: { show: false },
        silent: true,
        data: pinData(value),
      },
    ],
  };
}

type Props = {
  /** the chosen point, if any (shown as a marker) */
  value?: Point | null;
  /** called with the clicked point, rounded to 6 decimals (about 0.1 m) */
  onPick: (point: Point) => void;
  height?: number;
};

/**
 * A 京津冀 map to pick a point on: a click sets the longitude and latitude (converted from the pixel through
 * the geo coordinate system) and shows a marker. The caller keeps typed inputs beside it, so it works without a mouse.
 */
export function CoordinatePicker({ value, onPick, height = 360 }: Props) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  // read at click time, so a new callback or value from the parent does not rebuild the chart
  const latest = useRef({ onPick, value });
  useEffect(() => {
    latest.current = { onPick, value };
  });

  useEffect(() => {
    let alive = true;
    loadMap().then(
      () => alive && setReady(true),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    if (!ready || !el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.setOption(baseOption(latest.current.value));
    // zrender's click does not fire after a drag, so panning never moves the marker
    instance.getZr().on('click', (e: { offsetX: number; offsetY: number }) => {
      const p: unknown = instance.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]);
      if (!Array.isArray(p)) return;
      const [lng, lat] = p as unknown[];
      if (typeof lng === 'number' && typeof lat === 'number' && Number.isFinite(lng) && Number.isFinite(lat))
        latest.current.onPick({ lng: round(lng), lat: round(lat) });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [ready]);

  const lng = value?.lng;
  const lat = value?.lat;
  useEffect(() => {
    const point = typeof lng === 'number' && typeof lat === 'number' ? { lng, lat } : null;
    chart.current?.setOption({ series: [{ id: 'pin', data: pinData(point) }] });
  }, [ready, lng, lat]);

  const chosen =
    typeof lng === 'number' && typeof lat === 'number'
      ? t('base-publish.picker.selected', { longitude: lng, latitude: lat })
      : t('base-publish.picker.none');

  if (failed) return <Alert type="warning" showIcon title={t('base-publish.picker.loadFailed')} />;
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('base-publish.picker.instructions')}
      </Typography.Paragraph>
      <div
        ref={el}
        role="img"
        aria-label={t('base-publish.picker.label')}
        style={{ width: '100%', height, position: 'relative', border: '1px solid #d9d9d9', borderRadius: 8, cursor: 'crosshair' }}
      >
        {!ready && (
          <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
            <Spin />
          </div>
        )}
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8, marginTop: 8 }}>
        <Typography.Text aria-live="polite">{chosen}</Typography.Text>
        <Button
          size="small"
          onClick={() => chart.current?.setOption(baseOption(latest.current.value), { notMerge: true })}
          disabled={!ready}
        >
          {t('base-publish.picker.reset')}
        </Button>
      </div>
    </div>
  );
}

export default CoordinatePicker;
