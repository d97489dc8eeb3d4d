/**
 * The one chart component of the web app. It registers on `echarts/core` only the pieces our
 * dashboards draw (bar and line series, grid, tooltip, legend, dataset, aria) with the SVG
 * renderer, so the bundle carries no more than that; pages that chart are lazy-loaded, which keeps
 * ECharts out of the login page. The chart follows the UI language (ECharts' own texts) and is
 * announced to screen readers by its label and ECharts' generated description.
 *
 * A few lines of our own instead of echarts-for-react: its ESM build (3.0.6) imports `tslib`
 * without declaring it, which only resolves when another package happens to hoist it.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type DatasetComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useI18n } from '../i18n/index.tsx';

echarts.use([BarChart, LineChart, AriaComponent, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** An option built only from the registered pieces (the type checker refuses the others). */
export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | AriaComponentOption | DatasetComponentOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** What a click on a bar or a point hands back: the series and the category (x-axis) index. */
export type ChartClick = { seriesIndex: number; dataIndex: number };

type Props = {
  option: ChartOption;
  /** Read by screen readers before ECharts' own description of the data. */
  label: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
};

export function EChart({ option, label, height = 300, onClick }: Props) {
  const { lang } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  // One chart instance per language (ECharts' own texts are fixed when it is created), resized with its box.
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, null, { renderer: 'svg', locale: lang === 'en' ? 'EN' : 'ZH' });
    chart.current = instance;
    instance.on('click', (e) => clickRef.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    // notMerge: a new period or subtree replaces the series instead of blending into the old ones.
    chart.current?.setOption({ aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option, lang]);

  return <div ref={element} role="img" aria-label={label} className="echart" style={{ height, width: '100%' }} />;
}
