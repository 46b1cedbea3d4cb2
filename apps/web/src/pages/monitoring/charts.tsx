import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// The monitoring pages' charts; this module is loaded lazily, so ECharts stays off pages without charts.
echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

/** One ECharts instance in a div that follows its container's width; `label` describes it to screen readers. */
export function Chart({ option, label, height = 260 }: { option: Option; label: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el);
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}

/** An indicator's daily values, with the expected line from its start to its due date. */
export function TrendChart({
  points,
  expected,
  labels,
  label,
}: {
  points: Array<{ day: string; value: number | null }>;
  expected: Array<{ day: string; value: number }>;
  labels: { actual: string; expected: string };
  label: string;
}) {
  const option: Option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.actual, labels.expected], bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: labels.actual,
        type: 'line',
        showSymbol: points.length < 40,
        data: points.map((p) => [p.day, p.value]),
        itemStyle: { color: '#1f5fbf' },
      },
      {
        name: labels.expected,
        type: 'line',
        showSymbol: false,
        lineStyle: { type: 'dashed' },
        data: expected.map((p) => [p.day, Math.round(p.value * 10) / 10]),
        itemStyle: { color: '#8a5a00' },
      },
    ],
  };
  return <Chart option={option} label={label} />;
}

/** Horizontal bars, largest first: a breakdown by region. */
export function BarsChart({ rows, label }: { rows: Array<{ name: string; value: number }>; label: string }) {
  const top = rows.slice(0, 16).toReversed();
  const option: Option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: top.map((r) => r.name) },
    series: [{ type: 'bar', data: top.map((r) => r.value), itemStyle: { color: '#1f5fbf' }, label: { show: true, position: 'right' } }],
  };
  return <Chart option={option} label={label} height={Math.max(120, top.length * 26 + 24)} />;
}
