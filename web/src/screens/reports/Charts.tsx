/**
 * The dashboard's charts, loaded only when shown (React.lazy): ECharts through echarts/core with
 * just the bar and line charts, the grid, tooltip and legend and the canvas renderer, so the rest
 * of the library never reaches the browser. Labels and tooltips go through format.ts.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Spin } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { getTrends, type SummaryReport } from '../../api/reports';
import { formatNumber, formatRate } from '../../format';
import { FIRST_YEAR, thisYear } from './useReportParams';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = echarts.EChartsCoreOption;

function EChart({ option, height, label }: { option: Option; height: number; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { locale: 'EN' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />;
}

const rateAxis = { type: 'value', axisLabel: { formatter: (v: number) => formatRate(v, 0) } };
const rateTooltip = {
  trigger: 'axis',
  valueFormatter: (v: unknown) => formatRate(typeof v === 'number' ? v : null),
};

/** Poor-household rate at the start and the end of the year, per unit below. */
export function RatesByUnit({ r }: { r: SummaryReport }) {
  const rows = r.children.filter((c) => c.status !== 'missing');
  if (!rows.length) return <Empty description="Không có đơn vị cấp dưới có số liệu" />;
  const option: Option = {
    tooltip: rateTooltip,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((c) => c.unit.name.replace(/^(Xã|Thị trấn|Phường|Huyện|Thành phố|Thị xã) /, '')), axisLabel: { rotate: 45, interval: 0, fontSize: 11 } },
    yAxis: rateAxis,
    series: [
      { name: 'Tỷ lệ hộ nghèo đầu năm', type: 'bar', data: rows.map((c) => c.poor.rateStart), itemStyle: { color: '#91caff' } },
      { name: 'Tỷ lệ hộ nghèo cuối năm', type: 'bar', data: rows.map((c) => c.poor.rateEnd), itemStyle: { color: '#1677ff' } },
      { name: 'Tỷ lệ hộ cận nghèo cuối năm', type: 'bar', data: rows.map((c) => c.nearPoor.rateEnd), itemStyle: { color: '#ffc53d' } },
    ],
  };
  return <EChart option={option} height={340} label={`Tỷ lệ hộ nghèo theo đơn vị của ${r.unit.name}`} />;
}

/** The rates year by year, onto today's units. */
export function Trend({ unit }: { unit: string }) {
  const q = useQuery({
    queryKey: ['reports', 'trends', unit, FIRST_YEAR, thisYear()],
    queryFn: ({ signal }) => getTrends({ unit, from: FIRST_YEAR, to: thisYear() }, signal),
    staleTime: 5 * 60_000,
  });
  if (q.isLoading) return <Spin tip="Đang tải xu hướng…"><div style={{ height: 300 }} /></Spin>;
  if (!q.data) return <Empty description="Không tải được số liệu các năm" />;
  const years = q.data.years.filter((y) => y.status !== 'missing');
  if (!years.length) return <Empty description="Chưa có năm nào có quyết định công nhận" />;
  const option: Option = {
    tooltip: rateTooltip,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map((y) => `Năm ${y.year}`) },
    yAxis: rateAxis,
    series: [
      { name: 'Tỷ lệ hộ nghèo', type: 'line', data: years.map((y) => y.poor.rate), label: { show: true, formatter: (p: { value: number }) => formatNumber(p.value) } },
      { name: 'Tỷ lệ hộ cận nghèo', type: 'line', data: years.map((y) => y.nearPoor.rate) },
      { name: 'Tỷ lệ nghèo đa chiều', type: 'line', data: years.map((y) => y.multidimensionalRate), lineStyle: { type: 'dashed' } },
    ],
  };
  return (
    <>
      <EChart option={option} height={300} label={`Tỷ lệ hộ nghèo qua các năm của ${q.data.unit.name}`} />
      <Alert type="info" showIcon style={{ marginTop: 8 }} message={q.data.note} />
    </>
  );
}

export default function Charts({ r }: { r: SummaryReport }) {
  return (
    <Row gutter={[16, 16]}>
      {r.children.length > 0 && (
        <Col xs={24} xl={14}>
          <Card size="small" title={`Tỷ lệ hộ nghèo theo đơn vị — năm ${r.year}`}>
            <RatesByUnit r={r} />
          </Card>
        </Col>
      )}
      <Col xs={24} xl={r.children.length > 0 ? 10 : 24}>
        <Card size="small" title="Tỷ lệ qua các năm (theo địa giới hiện nay)">
          <Trend unit={r.unit.code} />
        </Card>
      </Col>
    </Row>
  );
}
