/**
 * The breakdown tables of the report (tables 4–13) and the Alkire–Foster measures, one tab each,
 * each loaded when its tab is first opened. Rows are the report's unit (the figures of the unit's
 * whole area); the per-unit details are in the Excel workbook.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Descriptions, Row, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  getAlkireFoster, getBreakdown, STATUS_LABEL, type Breakdown, type BreakdownTable, type UnitYear,
} from '../../api/reports';
import { formatInt, formatNumber, formatRate } from '../../format';

function useBreakdown<T extends BreakdownTable>(table: T, q: UnitYear) {
  return useQuery({ queryKey: ['reports', table, q], queryFn: ({ signal }) => getBreakdown(table, q, signal), staleTime: 60_000 });
}

function Loading({ q, children }: { q: { isLoading: boolean; error: unknown; data?: unknown }; children: () => ReactNode }) {
  if (q.isLoading) return <Spin tip="Đang tải biểu…"><div style={{ height: 160 }} /></Spin>;
  if (q.error) return <Alert type="error" showIcon message="Không tải được biểu" description={(q.error as Error).message} />;
  return <>{children()}</>;
}

function Missing({ r }: { r: { status: string; unit: { name: string } } }) {
  return r.status === 'missing' ? <Alert type="info" showIcon message={`${r.unit.name}: ${STATUS_LABEL.missing.toLowerCase()} công nhận kết quả rà soát năm này.`} /> : null;
}

interface Line { key: string; label: string; poor: number | null | undefined; poorShare?: number | null; near: number | null | undefined; nearShare?: number | null }

/** Rows × (poor, share, near-poor, share): the shape of most of the official breakdowns. */
function ClassTable({ rows, what = 'Số hộ', share = true, title }: { rows: Line[]; what?: string; share?: boolean; title?: string }) {
  return (
    <Table<Line>
      title={title ? () => <Typography.Text strong>{title}</Typography.Text> : undefined}
      size="small"
      bordered
      pagination={false}
      rowKey="key"
      dataSource={rows}
      scroll={{ x: 640 }}
      columns={[
        { title: 'Chỉ tiêu', dataIndex: 'label' },
        {
          title: 'Hộ nghèo',
          children: [
            { title: what, dataIndex: 'poor', align: 'right', width: 110, render: (v) => formatInt(v) },
            ...(share ? [{ title: 'Tỷ lệ', dataIndex: 'poorShare', align: 'right' as const, width: 100, render: (v: number | null) => formatRate(v) }] : []),
          ],
        },
        {
          title: 'Hộ cận nghèo',
          children: [
            { title: what, dataIndex: 'near', align: 'right', width: 110, render: (v) => formatInt(v) },
            ...(share ? [{ title: 'Tỷ lệ', dataIndex: 'nearShare', align: 'right' as const, width: 100, render: (v: number | null) => formatRate(v) }] : []),
          ],
        },
      ]}
    />
  );
}

function Deprivations({ q }: { q: UnitYear }) {
  const r = useBreakdown('deprivations', q);
  return (
    <Loading q={r}>
      {() => {
        const d = r.data as Breakdown<'deprivations'>;
        if (!d.poor || !d.nearPoor) return <Missing r={d} />;
        const near = new Map(d.nearPoor.indicators.map((i) => [i.key, i]));
        const rows: Line[] = [
          { key: 'households', label: 'Tổng số hộ', poor: d.poor.households, near: d.nearPoor.households },
          ...d.poor.indicators.map((i) => ({
            key: i.key, label: `${i.number}. ${i.name}`, poor: i.households, poorShare: i.share, near: near.get(i.key)?.households, nearShare: near.get(i.key)?.share,
          })),
          { key: 'total', label: 'Tổng số lượt thiếu hụt', poor: d.poor.totalDeprivations, near: d.nearPoor.totalDeprivations },
        ];
        return <ClassTable title={`${d.title} (biểu 4–7)`} rows={rows} what="Số hộ thiếu hụt" />;
      }}
    </Loading>
  );
}

function TargetGroups({ q }: { q: UnitYear }) {
  const r = useBreakdown('target-groups', q);
  return (
    <Loading q={r}>
      {() => {
        const d = r.data as Breakdown<'target-groups'>;
        if (!d.poor || !d.nearPoor) return <Missing r={d} />;
        const P = d.poor;
        const N = d.nearPoor;
        const groups = [
          ['total', 'Tổng số'], ['ethnicMinority', 'Chủ hộ là người dân tộc thiểu số'], ['noLabourCapacity', 'Hộ không có khả năng lao động'],
          ['meritorious', 'Hộ có người có công với cách mạng'], ['other', 'Hộ thuộc nhóm khác'], ['femaleHead', 'Chủ hộ là nữ'],
        ] as const;
        return (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ClassTable title={`${d.title} — số hộ (biểu 8)`} share={false} rows={groups.map(([k, label]) => ({ key: k, label, poor: P.households[k], near: N.households[k] }))} />
            </Col>
            <Col xs={24} xl={12}>
              <ClassTable title="Số nhân khẩu" what="Số khẩu" share={false} rows={groups.map(([k, label]) => ({ key: k, label, poor: P.persons[k], near: N.persons[k] }))} />
            </Col>
          </Row>
        );
      }}
    </Loading>
  );
}

function EthnicGroups({ q }: { q: UnitYear }) {
  const r = useBreakdown('ethnic-groups', q);
  return (
    <Loading q={r}>
      {() => {
        const d = r.data as Breakdown<'ethnic-groups'>;
        if (!d.poor || !d.nearPoor) return <Missing r={d} />;
        const near = new Map(d.nearPoor.groups.map((g) => [g.code, g]));
        const codes = [...new Set([...d.poor.groups.map((g) => g.code), ...d.nearPoor.groups.map((g) => g.code)])].sort();
        const poor = new Map(d.poor.groups.map((g) => [g.code, g]));
        const rows: Line[] = [
          { key: 'total', label: 'Tổng số hộ', poor: d.poor.households.total, near: d.nearPoor.households.total },
          { key: 'minority', label: 'Trong đó: dân tộc thiểu số', poor: d.poor.households.ethnicMinority, near: d.nearPoor.households.ethnicMinority },
          ...codes.map((c) => {
            const p = poor.get(c);
            const n = near.get(c);
            return { key: c, label: p?.name ?? n?.name ?? c, poor: p?.households ?? 0, poorShare: p?.share ?? null, near: n?.households ?? 0, nearShare: n?.share ?? null };
          }),
        ];
        return <ClassTable title={`${d.title} (biểu 9)`} rows={rows} />;
      }}
    </Loading>
  );
}

function Causes({ q }: { q: UnitYear }) {
  const r = useBreakdown('causes', q);
  return (
    <Loading q={r}>
      {() => {
        const d = r.data as Breakdown<'causes'>;
        if (!d.poor || !d.nearPoor) return <Missing r={d} />;
        const near = new Map(d.nearPoor.causes.map((c) => [c.code, c]));
        const rows: Line[] = [
          { key: 'households', label: 'Tổng số hộ', poor: d.poor.households, near: d.nearPoor.households },
          ...d.poor.causes.map((c) => ({ key: String(c.code), label: `${c.code}. ${c.name}`, poor: c.households, poorShare: c.share, near: near.get(c.code)?.households, nearShare: near.get(c.code)?.share })),
        ];
        return (
          <>
            <ClassTable title={`${d.title} (biểu 10)`} rows={rows} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>Một hộ có thể có nhiều nguyên nhân, nên tổng các tỷ lệ có thể vượt 100 %.</Typography.Paragraph>
          </>
        );
      }}
    </Loading>
  );
}

function Children({ q }: { q: UnitYear }) {
  const r = useBreakdown('children', q);
  return (
    <Loading q={r}>
      {() => {
        const d = r.data as Breakdown<'children'>;
        if (!d.poor || !d.nearPoor) return <Missing r={d} />;
        const P = d.poor;
        const N = d.nearPoor;
        const rows: Line[] = [
          { key: 'children', label: 'Tổng số trẻ em', poor: P.children, near: N.children },
          { key: 'ins', label: 'Trẻ em không có bảo hiểm y tế', poor: P.health.noHealthInsurance.children, poorShare: P.health.noHealthInsurance.share, near: N.health.noHealthInsurance.children, nearShare: N.health.noHealthInsurance.share },
          { key: 'mal', label: 'Trẻ em suy dinh dưỡng', poor: P.health.malnourished.children, poorShare: P.health.malnourished.share, near: N.health.malnourished.children, nearShare: N.health.malnourished.share },
          { key: 'school', label: 'Trẻ em không được đi học đúng độ tuổi', poor: P.education.outOfSchool.children, poorShare: P.education.outOfSchool.share, near: N.education.outOfSchool.children, nearShare: N.education.outOfSchool.share },
        ];
        return <ClassTable title={`${d.title} (biểu 11)`} rows={rows} what="Số trẻ em" />;
      }}
    </Loading>
  );
}

function Multidimensional({ q }: { q: UnitYear }) {
  const r = useBreakdown('multidimensional', q);
  return (
    <Loading q={r}>
      {() => {
        const d = r.data as Breakdown<'multidimensional'>;
        type Row = Breakdown<'multidimensional'>['children'][number];
        const rows: Row[] = [...d.children, d];
        return (
          <Table<Row>
            title={() => <Typography.Text strong>{`${d.title} (biểu 12–13)`}</Typography.Text>}
            size="small"
            bordered
            pagination={false}
            rowKey={(x) => (x === d ? 'total' : x.unit.code)}
            dataSource={rows}
            scroll={{ x: 1000 }}
            columns={[
              { title: 'Đơn vị', key: 'unit', fixed: 'left', width: 180, render: (_, x) => (x === d ? <strong>Tổng cộng {x.unit.name}</strong> : x.unit.name) },
              { title: 'Tổng số hộ', key: 'h', align: 'right', render: (_, x) => formatInt(x.households?.total) },
              { title: 'Hộ dân tộc thiểu số', key: 'hm', align: 'right', render: (_, x) => formatInt(x.households?.ethnicMinority) },
              {
                title: 'Hộ nghèo',
                children: [
                  { title: 'Số hộ', key: 'p', align: 'right', render: (_, x) => formatInt(x.poor?.households.total) },
                  { title: 'Tỷ lệ', key: 'pr', align: 'right', render: (_, x) => formatRate(x.poor?.rate) },
                  { title: 'Tỷ lệ hộ DTTS', key: 'pmr', align: 'right', render: (_, x) => formatRate(x.poor?.ethnicMinorityRate) },
                ],
              },
              {
                title: 'Hộ cận nghèo',
                children: [
                  { title: 'Số hộ', key: 'n', align: 'right', render: (_, x) => formatInt(x.nearPoor?.households.total) },
                  { title: 'Tỷ lệ', key: 'nr', align: 'right', render: (_, x) => formatRate(x.nearPoor?.rate) },
                  { title: 'Tỷ lệ hộ DTTS', key: 'nmr', align: 'right', render: (_, x) => formatRate(x.nearPoor?.ethnicMinorityRate) },
                ],
              },
            ]}
          />
        );
      }}
    </Loading>
  );
}

function AlkireFoster({ q }: { q: UnitYear }) {
  const r = useQuery({ queryKey: ['reports', 'alkire-foster', q], queryFn: ({ signal }) => getAlkireFoster(q, signal), staleTime: 60_000 });
  return (
    <Loading q={r}>
      {() => {
        const d = r.data!;
        if (d.status === 'missing') return <Missing r={d} />;
        return (
          <>
            <Alert type="info" showIcon message="Chỉ số nghèo đa chiều Alkire–Foster" description={d.method.description} style={{ marginBottom: 12 }} />
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              <Col xs={12} md={6}><Statistic title="Số hộ được rà soát" value={formatInt(d.reviewedHouseholds)} /></Col>
              <Col xs={12} md={6}><Statistic title="H — tỷ lệ hộ nghèo đa chiều" value={formatNumber(d.H, 4)} /></Col>
              <Col xs={12} md={6}><Statistic title="A — mức thiếu hụt bình quân" value={formatNumber(d.A, 4)} /></Col>
              <Col xs={12} md={6}><Statistic title="M0 = H × A" value={formatNumber(d.M0, 4)} /></Col>
            </Row>
            <Descriptions size="small" items={[{ key: 'k', label: 'Ngưỡng k', children: formatRate(d.method.k * 100, 0) }]} style={{ marginBottom: 8 }} />
            <Table
              size="small"
              bordered
              pagination={false}
              rowKey="indicator"
              dataSource={d.contributions ?? []}
              columns={[
                { title: 'Chỉ số thiếu hụt', dataIndex: 'name' },
                { title: 'Số hộ nghèo đa chiều thiếu hụt', dataIndex: 'censoredHeadcount', align: 'right', render: (v) => formatInt(v) },
                { title: 'Tỷ lệ trên số hộ', dataIndex: 'censoredHeadcountRatio', align: 'right', render: (v) => formatNumber(v, 4) },
                { title: 'Đóng góp vào M0', dataIndex: 'contributionPercent', align: 'right', render: (v) => formatRate(v) },
              ]}
            />
          </>
        );
      }}
    </Loading>
  );
}

export function BreakdownTabs({ q }: { q: UnitYear }) {
  const key = `${q.unit}-${q.year}`;
  return (
    <Tabs
      key={key}
      items={[
        { key: 'deprivations', label: 'Thiếu hụt dịch vụ xã hội', children: <Deprivations q={q} /> },
        { key: 'target-groups', label: 'Nhóm đối tượng', children: <TargetGroups q={q} /> },
        { key: 'ethnic-groups', label: 'Dân tộc', children: <EthnicGroups q={q} /> },
        { key: 'causes', label: 'Nguyên nhân nghèo', children: <Causes q={q} /> },
        { key: 'children', label: 'Trẻ em', children: <Children q={q} /> },
        { key: 'multidimensional', label: 'Chuẩn nghèo đa chiều', children: <Multidimensional q={q} /> },
        { key: 'alkire-foster', label: 'Alkire–Foster', children: <AlkireFoster q={q} /> },
      ]}
    />
  );
}
