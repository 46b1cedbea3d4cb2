import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { escapeHtml } from '../lib/escape-html.ts';

// Only the pieces the map needs; this module is loaded lazily, so ECharts stays off pages without charts.
echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const MAP = 'jjj';
const files = ['/maps/beijing.geojson', '/maps/tianjin.geojson', '/maps/hebei.geojson'] as const;
const provinceOf = (code: string) => code.slice(0, 2);

type Feature = { id?: string | number; type: 'Feature'; properties: { name?: string } & Record<string, unknown>; geometry: unknown };
type FeatureCollection = { type: 'FeatureCollection'; features: Feature[] };
/** Map region code → Chinese name, in map order (Beijing districts, Tianjin districts, Hebei prefectures). */
type Regions = Array<{ code: string; name: string }>;

let loading: Promise<Regions> | null = null;

/**
 * Fetches the three GeoJSON files once, merges them and registers one map whose region names are the
 * GB/T 2260 codes (so values are keyed by code); the Chinese names come back through the lookup.
 */
function loadMap(): Promise<Regions> {
  loading ??= Promise.all(
    files.map(async (url) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      return (await res.json()) as FeatureCollection;
    }),
  )
    .then((collections) => {
      const regions: Regions = [];
      const features = collections.flatMap((fc) =>
        fc.features.map((f) => {
          const code = String(f.id ?? '');
          regions.push({ code, name: f.properties.name ?? code });
          return { ...f, properties: { ...f.properties, name: code } };
        }),
      );
      echarts.registerMap(MAP, { type: 'FeatureCollection', features } as unknown as Parameters<typeof echarts.registerMap>[1]);
      return regions;
    })
    .catch((error: unknown) => {
      loading = null; // let a later mount try again
      throw error;
    });
  return loading;
}

/** A place drawn as a dot over the regions. */
export type MapPoint = {
  id: string;
  lng: number;
  lat: number;
  /** what the tooltip says, e.g. the name and size */
  label: string;
};

type Props = {
  /** value per map region: Beijing and Tianjin district codes, Hebei prefecture codes */
  values: Record<string, number>;
  title: string;
  height?: number;
  /** how a value reads in the tooltip and the text alternative, e.g. n => `${n} 家` */
  format?: (n: number) => string;
  /** dots over the regions (the page lists them as links too: a canvas is neither keyboard- nor screen-reader-usable) */
  points?: readonly MapPoint[];
  onPointClick?: (id: string) => void;
  /** a click on a region of the canvas */
  onRegionClick?: (code: string) => void;
  /** where a region leads: the text alternative lists the regions as links */
  regionHref?: (code: string) => string;
};

type ClickParams = { componentType?: string; seriesType?: string; name?: string; data?: unknown };

/** 京津冀 choropleth: Beijing and Tianjin districts and Hebei prefectures, shaded by value; optionally with dots. */
export function JjjMap({ values, title, height = 420, format = String, points, onPointClick, onRegionClick, regionHref }: Props) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const [regions, setRegions] = useState<Regions | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    loadMap().then(
      (r) => alive && setRegions(r),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, []);

  const names = useMemo(() => new Map((regions ?? []).map((r) => [r.code, r.name])), [regions]);
  const max = Math.max(1, ...Object.values(values));
  const chart = useRef<echarts.ECharts | null>(null);
  // the tooltip reads these at hover time, so a new callback from the parent does not redraw the map
  const labelled = (label: string, text: string) => t('consortia.labelled', { label, text });
  const lookup = useRef({ names, format, labelled, onPointClick, onRegionClick });
  useEffect(() => {
    lookup.current = { names, format, labelled, onPointClick, onRegionClick };
  });
  const clickable = Boolean(onRegionClick);

  useEffect(() => {
    if (!regions || !el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p: ClickParams) => {
      const { onPointClick: onPoint, onRegionClick: onRegion } = lookup.current;
      if (p.seriesType === 'scatter') {
        const id = (p.data as { id?: unknown } | undefined)?.id;
        if (typeof id === 'string') onPoint?.(id);
      } else if (p.name && (p.componentType === 'geo' || p.seriesType === 'map')) onRegion?.(p.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [regions]);

  useEffect(() => {
    if (!regions || !chart.current) return;
    chart.current.setOption(
      {
        tooltip: {
          trigger: 'item',
          className: 'jjj-map-tooltip',
          // a long base name wraps inside the map rather than running off a phone's screen
          confine: true,
          extraCssText: 'max-width: 280px; white-space: normal; overflow-wrap: anywhere;',
          // ECharts writes what this returns with innerHTML: a base's name is user text, so it goes out escaped
          formatter: (p: { name: string; value?: unknown; seriesType?: string; data?: unknown }) => {
            if (p.seriesType === 'scatter') return escapeHtml((p.data as { label?: string } | undefined)?.label ?? p.name);
            const n = typeof p.value === 'number' && !Number.isNaN(p.value) ? p.value : 0;
            return escapeHtml(lookup.current.labelled(lookup.current.names.get(p.name) ?? p.name, lookup.current.format(n)));
          },
        },
        visualMap: {
          // the regions only: the dots keep their own colour
          seriesIndex: 0,
          min: 0,
          max,
          // below the map, so it never covers a region on a narrow screen
          orient: 'horizontal',
          left: 'center',
          bottom: 4,
          calculable: false,
          itemWidth: 12,
          itemHeight: 140,
          text: [String(max), '0'],
          textGap: 8,
          textStyle: { color: '#262626' },
          inRange: { color: ['#eef4fc', '#7fa6df', '#1f5fbf', '#0f2c5c'] },
        },
        // the regions are drawn by a geo component, so that dots can sit on the same coordinates
        geo: {
          map: MAP,
          roam: false,
          top: 8,
          bottom: 48,
          selectedMode: false,
          label: { show: false },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#f5c242' } },
          select: { disabled: true, label: { show: false } },
          itemStyle: { borderColor: '#8c8c8c', borderWidth: 0.5 },
        },
        series: [
          {
            type: 'map',
            geoIndex: 0,
            selectedMode: false,
            label: { show: false },
            emphasis: { label: { show: false } },
            cursor: clickable ? 'pointer' : 'default',
            data: regions.map((r) => ({ name: r.code, value: values[r.code] ?? 0 })),
          },
          ...(points
            ? [
                {
                  type: 'scatter',
                  coordinateSystem: 'geo',
                  symbolSize: 9,
                  itemStyle: { color: '#d4380d', borderColor: '#ffffff', borderWidth: 1 },
                  emphasis: { scale: 1.6 },
                  z: 3,
                  data: points.map((p) => ({ id: p.id, name: p.id, label: p.label, value: [p.lng, p.lat] })),
                },
              ]
            : []),
        ],
      },
      { replaceMerge: ['series'] },
    );
  }, [regions, values, max, points, clickable]);

  // The text alternative: totals by province, then every region that has a value.
  const byProvince = (['11', '12', '13'] as const).map((p) => ({
    province: p,
    total: Object.entries(values)
      .filter(([code]) => provinceOf(code) === p)
      .reduce((n, [, v]) => n + v, 0),
  }));
  const summary = labelled(
    title,
    byProvince.map((p) => `${t(`provinces.${p.province}`)} ${format(p.total)}`).join(t('consortia.listSeparator')),
  );
  const listed = Object.entries(values)
    .filter(([, v]) => v > 0)
    .sort(([a], [b]) => a.localeCompare(b));

  if (failed) return <Alert type="warning" showIcon title={t('common.loadFailed')} description={summary} />;
  return (
    <figure style={{ margin: 0 }}>
      <div ref={el} role="img" aria-label={summary} style={{ width: '100%', height, position: 'relative' }}>
        {!regions && (
          <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
            <Spin />
          </div>
        )}
      </div>
      <figcaption>
        <details>
          <summary style={{ cursor: 'pointer' }}>{summary}</summary>
          <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
            {listed.map(([code, v]) => (
              <li key={code}>
                {regionHref ? (
                  <Link to={regionHref(code)}>
                    {labelled(`${t(`provinces.${provinceOf(code)}`)} · ${names.get(code) ?? code}`, format(v))}
                  </Link>
                ) : (
                  <Typography.Text>
                    {labelled(`${t(`provinces.${provinceOf(code)}`)} · ${names.get(code) ?? code}`, format(v))}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}

export default JjjMap;
