/** The pieces of the summary report: statistic cards, the child-unit table, the movement tables (tables 2 and 3). */
import { Alert, Card, Col, Row, Statistic, Table, Tag, Typography, type TableProps } from 'antd';
import {
  MOVE_OUT, NEAR_POOR_MOVE_LABEL, NEAR_POOR_MOVES, PLAN_UNIT_LABEL, POOR_MOVE_LABEL, POOR_MOVES, STATUS_COLOR, STATUS_LABEL,
  type ClassFigures, type SummaryReport, type SummaryRow,
} from '../../api/reports';
import { EMPTY, formatCount, formatCountChange, formatInt, formatNumber, formatPoints, formatPointsChange, formatRate } from '../../format';

export const pointsChange = formatPointsChange;
export const countChange = (v: number | null | undefined, noun = 'hộ') => formatCountChange(v, noun);
const arrow = (a: string, b: string) => (a === EMPTY ? b : `${a} → ${b}`);
export const planText = (p: SummaryRow['plan']) =>
  p ? `giảm ${p.unit === 'points' ? formatPoints(p.target) : formatCount(p.target, 'hộ')}` : 'Chưa giao kế hoạch';

function Figure({ title, value, note, testId }: { title: string; value: string; note?: React.ReactNode; testId?: string }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} formatter={() => <span data-testid={testId}>{value}</span>} valueStyle={{ fontSize: 22 }} />
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Card>
  );
}

export function SummaryCards({ r }: { r: SummaryReport }) {
  const achieved = r.plan?.achievedPercent;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          title="Số hộ nghèo (đầu năm → cuối năm)"
          testId="poor-count"
          value={arrow(formatInt(r.poor.start), formatInt(r.poor.end))}
          note={r.poor.reduction !== null ? countChange(r.poor.reduction) : 'Năm đầu tiên theo chuẩn: chưa có số đầu kỳ'}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          title="Tỷ lệ hộ nghèo"
          testId="poor-rate"
          value={arrow(formatRate(r.poor.rateStart), formatRate(r.poor.rateEnd))}
          note={<span data-testid="poor-points">{pointsChange(r.poor.reductionPoints)}</span>}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          title="Kết quả so với kế hoạch giao"
          testId="plan-achieved"
          value={achieved === null || achieved === undefined ? EMPTY : `đạt ${formatRate(achieved, 0)} kế hoạch`}
          note={r.plan ? `Kế hoạch: ${planText(r.plan)}` : planText(null)}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          title="Hộ cận nghèo (đầu năm → cuối năm)"
          value={arrow(formatInt(r.nearPoor.start), formatInt(r.nearPoor.end))}
          note={`Tỷ lệ ${arrow(formatRate(r.nearPoor.rateStart), formatRate(r.nearPoor.rateEnd))}`}
        />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure title="Tổng số hộ dân cư" value={arrow(formatInt(r.households.start), formatInt(r.households.end))} note={`${formatCount(r.persons.end, 'nhân khẩu')} cuối năm`} />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure title="Tỷ lệ nghèo đa chiều (nghèo + cận nghèo)" value={formatRate(r.multidimensionalRateEnd)} note="Không phải tỷ lệ hộ nghèo" />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure title="Khẩu nghèo (đầu năm → cuối năm)" value={arrow(formatInt(r.poorPersons.start), formatInt(r.poorPersons.end))} note={`Tỷ lệ ${arrow(formatRate(r.poorPersons.rateStart), formatRate(r.poorPersons.rateEnd))}`} />
      </Col>
      <Col xs={24} sm={12} xl={6}>
        <Figure
          title="Số xã đã có quyết định công nhận"
          value={`${formatInt(r.coverage.decided)}/${formatInt(r.coverage.communes)}`}
          note={<Tag color={STATUS_COLOR[r.status]}>{STATUS_LABEL[r.status]}</Tag>}
        />
      </Col>
    </Row>
  );
}

/** The units below the report's unit, one row each; a click on the name drills down. */
export function ChildTable({ r, onOpen }: { r: SummaryReport; onOpen?: (row: SummaryRow) => void }) {
  const columns: TableProps<SummaryRow>['columns'] = [
    {
      title: 'Đơn vị',
      key: 'unit',
      fixed: 'left',
      width: 160,
      render: (_, row) =>
        onOpen && row.unit.level !== 'village' ? (
          <Typography.Link onClick={() => onOpen(row)}>{row.unit.name}</Typography.Link>
        ) : (
          row.unit.name
        ),
    },
    { title: 'Tình trạng', key: 'status', width: 100, render: (_, row) => <Tag color={STATUS_COLOR[row.status]}>{STATUS_LABEL[row.status]}</Tag> },
    { title: 'Tổng số hộ', key: 'households', align: 'right', width: 85, render: (_, row) => formatInt(row.households.end) },
    {
      title: 'Hộ nghèo',
      children: [
        { title: 'Đầu năm', key: 'ps', align: 'right', width: 75, render: (_, row) => formatInt(row.poor.start) },
        { title: 'Cuối năm', key: 'pe', align: 'right', width: 75, render: (_, row) => formatInt(row.poor.end) },
        { title: 'Tỷ lệ đầu năm', key: 'prs', align: 'right', width: 85, render: (_, row) => formatRate(row.poor.rateStart) },
        { title: 'Tỷ lệ cuối năm', key: 'pre', align: 'right', width: 85, render: (_, row) => formatRate(row.poor.rateEnd) },
        { title: 'Giảm (điểm %)', key: 'pts', align: 'right', width: 80, render: (_, row) => formatNumber(row.poor.reductionPoints) },
      ],
    },
    {
      title: 'Hộ cận nghèo',
      children: [
        { title: 'Cuối năm', key: 'ne', align: 'right', width: 75, render: (_, row) => formatInt(row.nearPoor.end) },
        { title: 'Tỷ lệ', key: 'nre', align: 'right', width: 75, render: (_, row) => formatRate(row.nearPoor.rateEnd) },
      ],
    },
    {
      title: 'Kế hoạch',
      children: [
        {
          title: 'Chỉ tiêu giảm',
          key: 'plan',
          align: 'right',
          width: 95,
          render: (_, row) => (row.plan ? `${formatNumber(row.plan.target)} ${PLAN_UNIT_LABEL[row.plan.unit]}` : EMPTY),
        },
        { title: 'Đạt', key: 'achieved', align: 'right', width: 60, render: (_, row) => formatRate(row.plan?.achievedPercent, 0) },
      ],
    },
  ];
  const t = r;
  return (
    <Table<SummaryRow>
      data-testid="summary-table"
      rowKey={(row) => row.unit.code}
      size="small"
      bordered
      columns={columns}
      dataSource={r.children}
      pagination={false}
      scroll={{ x: 1050 }}
      locale={{ emptyText: 'Không có đơn vị cấp dưới' }}
      onRow={(row) => ({ onDoubleClick: () => onOpen?.(row) })}
      summary={() => (
        <Table.Summary fixed="bottom">
          <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
            <Table.Summary.Cell index={0}>Tổng cộng {t.unit.name}</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{STATUS_LABEL[t.status]}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{formatInt(t.households.end)}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{formatInt(t.poor.start)}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{formatInt(t.poor.end)}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">{formatRate(t.poor.rateStart)}</Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">{formatRate(t.poor.rateEnd)}</Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">{formatNumber(t.poor.reductionPoints)}</Table.Summary.Cell>
            <Table.Summary.Cell index={8} align="right">{formatInt(t.nearPoor.end)}</Table.Summary.Cell>
            <Table.Summary.Cell index={9} align="right">{formatRate(t.nearPoor.rateEnd)}</Table.Summary.Cell>
            <Table.Summary.Cell index={10} align="right">{t.plan ? `${formatNumber(t.plan.target)} ${PLAN_UNIT_LABEL[t.plan.unit]}` : EMPTY}</Table.Summary.Cell>
            <Table.Summary.Cell index={11} align="right">{formatRate(t.plan?.achievedPercent, 0)}</Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

interface MoveRow { key: string; label: string; households: number | null; persons: number | null; strong?: boolean }

function movementRows(h: ClassFigures, p: ClassFigures, moves: readonly string[], labels: Record<string, string>): MoveRow[] {
  return [
    { key: 'start', label: 'Đầu năm', households: h.start, persons: p.start, strong: true },
    ...moves.map((m) => ({
      key: m,
      label: `${MOVE_OUT.has(m) ? '−' : '+'} ${labels[m]}`,
      households: h.movement?.[m] ?? null,
      persons: p.movement?.[m] ?? null,
    })),
    { key: 'end', label: 'Cuối năm', households: h.end, persons: p.end, strong: true },
  ];
}

function MovementTable({ title, rows }: { title: string; rows: MoveRow[] }) {
  return (
    <Table<MoveRow>
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      size="small"
      bordered
      pagination={false}
      rowKey="key"
      dataSource={rows}
      columns={[
        { title: 'Diễn biến', dataIndex: 'label', render: (v, row) => (row.strong ? <strong>{v}</strong> : v) },
        { title: 'Số hộ', dataIndex: 'households', align: 'right', width: 100, render: (v, row) => (row.strong ? <strong>{formatInt(v)}</strong> : formatInt(v)) },
        { title: 'Số khẩu', dataIndex: 'persons', align: 'right', width: 100, render: (v) => formatInt(v) },
      ]}
    />
  );
}

/** Tables 2 and 3: start − exits + entries = end, for poor and near-poor households and persons. */
export function MovementTables({ r }: { r: SummaryReport }) {
  if (!r.poor.movement) return <Typography.Paragraph type="secondary">Năm đầu tiên theo chuẩn nghèo này: chưa có diễn biến so với đầu kỳ.</Typography.Paragraph>;
  // the near-poor table lists exits first, as table 3 does
  const nearOrder = ['aboveNearPoor', 'toPoor', 'otherOut', 'fromPoor', 'fellBack', 'newlyNearPoor', 'otherIn'].filter((m) => (NEAR_POOR_MOVES as readonly string[]).includes(m));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <MovementTable title="Diễn biến hộ nghèo (biểu 2)" rows={movementRows(r.poor, r.poorPersons, POOR_MOVES, POOR_MOVE_LABEL)} />
      </Col>
      <Col xs={24} lg={12}>
        <MovementTable title="Diễn biến hộ cận nghèo (biểu 3)" rows={movementRows(r.nearPoor, r.nearPoorPersons, nearOrder, NEAR_POOR_MOVE_LABEL)} />
      </Col>
    </Row>
  );
}

export function Warnings({ r }: { r: SummaryReport }) {
  if (!r.warnings.length) return null;
  return <Alert type="warning" showIcon message="Lưu ý về số liệu" description={r.warnings.map((w) => <div key={w.code}>{w.message}</div>)} />;
}
