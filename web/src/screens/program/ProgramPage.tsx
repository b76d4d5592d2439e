/**
 * "Chương trình MTQG": the National Target Program in the officer's area and year — projects
 * with their progress, funds (totals and disbursement rate, dated entries), activities and the
 * households supported. District and province officers record; everyone else reads.
 */
import { PlusOutlined } from '@ant-design/icons';
import { roleMayWrite } from '@domain/auth/domain/write-kinds';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Row, Select, Statistic, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  ACTIVITY_KIND_LABEL, FUND_KIND_LABEL, getFundTotals, getProgress, GROUP_NAME, listActivities, listBeneficiaries, listFundEntries, SOURCE_LABEL,
  SUPPORT_TYPE_LABEL, TYPE_LABEL, type Activity, type Beneficiary, type FundEntry, type FundsNode, type ProgressNode,
} from '../../api/program';
import { downloadProgramProgress } from '../../api/exports';
import { useCurrentUser } from '../../auth/session';
import { formatCount, formatDate, formatInt, formatMoney, formatRate } from '../../format';
import { ExportButton } from '../reports/ExportButton';
import { useReportParams, yearOptions } from '../reports/useReportParams';
import { ActivityForm, BeneficiaryForm, FundEntryForm } from './ProgramForms';
import { useProjectOptions } from './useProgram';

const PAGE = 20;

/** Tree rows without an expand button on nodes that have no sub-projects. */
function prune<T extends { subProjects: T[] }>(nodes: T[] | undefined): T[] | undefined {
  return nodes?.map((n) => ({ ...n, subProjects: n.subProjects.length ? prune(n.subProjects)! : (undefined as unknown as T[]) }));
}

function ProjectsTab({ unit, year }: { unit: string; year: number }) {
  const q = useQuery({ queryKey: ['program', 'progress', unit, year], queryFn: () => getProgress({ unit, year }) });
  const p = q.data?.programs[0];
  const columns: TableProps<ProgressNode>['columns'] = [
    { title: 'Dự án', key: 'label', width: 150, render: (_, n) => <Link to={`/chuong-trinh/du-an/${encodeURIComponent(n.code)}?unit=${unit}&year=${year}`}>{n.label}</Link> },
    { title: 'Nội dung', dataIndex: 'name' },
    { title: 'Áp dụng', key: 'applicable', width: 120, render: (_, n) => (n.applicable ? <Tag color="green">Áp dụng</Tag> : <Tag title={n.notApplicableReason ?? undefined}>Không áp dụng</Tag>) },
    { title: 'Vốn giao', key: 'a', align: 'right', width: 140, render: (_, n) => formatMoney(n.funds.allocated) },
    { title: 'Giải ngân', key: 'd', align: 'right', width: 140, render: (_, n) => formatMoney(n.funds.disbursed) },
    { title: 'Tỷ lệ giải ngân', key: 'r', align: 'right', width: 95, render: (_, n) => formatRate(n.funds.rate) },
    { title: 'Hộ được hỗ trợ', key: 'h', align: 'right', width: 90, render: (_, n) => formatInt(n.households.total) },
  ];
  return (
    <>
      {p && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} lg={6}><Card size="small"><Statistic title="Vốn được giao" value={formatMoney(p.total.funds.allocated)} /></Card></Col>
          <Col xs={12} lg={6}><Card size="small"><Statistic title="Đã giải ngân" value={formatMoney(p.total.funds.disbursed)} /></Card></Col>
          <Col xs={12} lg={6}><Card size="small"><Statistic title="Tỷ lệ giải ngân" value={formatRate(p.total.funds.rate)} /></Card></Col>
          <Col xs={12} lg={6}>
            <Card size="small">
              <Statistic title="Hộ nghèo được hỗ trợ đã thoát nghèo" value={`${formatInt(p.total.outcome.escapedPoverty)}/${formatInt(p.total.outcome.supportedPoor)}`} />
              <Typography.Text type="secondary">{formatRate(p.total.outcome.escapedPovertyRate)} — theo kỳ rà soát cuối năm</Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
      <Table<ProgressNode>
        size="small"
        bordered
        loading={q.isLoading}
        rowKey="code"
        dataSource={prune(p?.projects)}
        columns={columns}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{ childrenColumnName: 'subProjects' }}
        title={() => p && <Typography.Text strong>{p.name}</Typography.Text>}
      />
    </>
  );
}

function FundsTab({ unit, year, canWrite }: { unit: string; year: number; canWrite: boolean }) {
  const totals = useQuery({ queryKey: ['program', 'funds', 'totals', unit, year], queryFn: () => getFundTotals({ unit, year }) });
  const [page, setPage] = useState(1);
  const entries = useQuery({ queryKey: ['program', 'funds', 'entries', unit, year, page], queryFn: () => listFundEntries({ unit, year, page, pageSize: PAGE }) });
  const { label } = useProjectOptions(year);
  const [adding, setAdding] = useState(false);
  const p = totals.data?.programs[0];
  return (
    <>
      <Table<FundsNode>
        size="small"
        bordered
        loading={totals.isLoading}
        rowKey="code"
        pagination={false}
        dataSource={prune(p?.projects)}
        expandable={{ childrenColumnName: 'subProjects' }}
        scroll={{ x: 1000 }}
        title={() => <Typography.Text strong>Kinh phí theo dự án — năm {year}</Typography.Text>}
        columns={[
          { title: 'Dự án', dataIndex: 'label', width: 150 },
          { title: 'Nội dung', dataIndex: 'name' },
          { title: 'Kế hoạch vốn giao', key: 'a', align: 'right', width: 160, render: (_, n) => formatMoney(n.funds.allocated) },
          { title: 'Đã giải ngân', key: 'd', align: 'right', width: 160, render: (_, n) => formatMoney(n.funds.disbursed) },
          { title: 'Tỷ lệ giải ngân', key: 'r', align: 'right', width: 120, render: (_, n) => formatRate(n.funds.rate) },
        ]}
        summary={() =>
          p && (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0} colSpan={2}>Tổng cộng</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{formatMoney(p.total.allocated)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{formatMoney(p.total.disbursed)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{formatRate(p.total.rate)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
        <Typography.Text strong>Các bút toán (giao vốn, giải ngân)</Typography.Text>
        {canWrite && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>Ghi bút toán</Button>}
      </Flex>
      <Table<FundEntry>
        size="small"
        bordered
        loading={entries.isLoading}
        rowKey="id"
        dataSource={entries.data?.items}
        pagination={{ current: page, pageSize: PAGE, total: entries.data?.total, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        columns={[
          { title: 'Ngày', dataIndex: 'entryDate', width: 110, render: (v) => formatDate(v) },
          { title: 'Dự án', dataIndex: 'projectCode', width: 200, render: (v) => label.get(v) ?? v },
          { title: 'Loại', dataIndex: 'kind', width: 150, render: (v: FundEntry['kind']) => FUND_KIND_LABEL[v] },
          { title: 'Nguồn', dataIndex: 'source', width: 180, render: (v: FundEntry['source']) => SOURCE_LABEL[v] },
          { title: 'Loại vốn', dataIndex: 'fundType', width: 160, render: (v: FundEntry['fundType']) => TYPE_LABEL[v] },
          { title: 'Số tiền', dataIndex: 'amount', align: 'right', width: 160, render: (v) => formatMoney(v) },
          { title: 'Văn bản', dataIndex: 'documentRef', render: (v, e) => <>{v ?? '—'} {!e.effective && <Tag>Đã điều chỉnh</Tag>}</> },
        ]}
      />
      {adding && <FundEntryForm unit={unit} year={year} onClose={() => setAdding(false)} />}
    </>
  );
}

function ActivitiesTab({ unit, year, canWrite }: { unit: string; year: number; canWrite: boolean }) {
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['program', 'activities', unit, year, page], queryFn: () => listActivities({ unit, year, page, pageSize: PAGE }) });
  const { label } = useProjectOptions(year);
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>{canWrite && <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>Thêm hoạt động</Button>}</Flex>
      <Table<Activity>
        size="small"
        bordered
        loading={list.isLoading}
        rowKey="id"
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: `Chưa có hoạt động năm ${year}` }}
        scroll={{ x: 1000 }}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 110, render: (v) => formatDate(v) },
          { title: 'Hoạt động', dataIndex: 'title', render: (v, a) => (canWrite ? <Typography.Link onClick={() => setEditing(a)}>{v}</Typography.Link> : v) },
          { title: 'Loại', dataIndex: 'kind', width: 140, render: (v: Activity['kind']) => ACTIVITY_KIND_LABEL[v] },
          { title: 'Dự án', dataIndex: 'projectCode', width: 190, render: (v) => label.get(v) ?? v },
          { title: 'Đơn vị', dataIndex: 'unitName', width: 160 },
          { title: 'Số người tham gia', key: 'p', align: 'right', width: 130, render: (_, a) => formatInt(a.participants.total) },
        ]}
      />
      {editing && <ActivityForm unit={unit} year={year} activity={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function BeneficiariesTab({ unit, year, canWrite }: { unit: string; year: number; canWrite: boolean }) {
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['program', 'beneficiaries', unit, year, page], queryFn: () => listBeneficiaries({ unit, year, page, pageSize: PAGE }) });
  const { label } = useProjectOptions(year);
  const [adding, setAdding] = useState(false);
  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 8 }} align="center">
        <Typography.Text type="secondary">{list.data && formatCount(list.data.total, 'lượt hỗ trợ')}</Typography.Text>
        {canWrite && <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>Thêm hộ được hỗ trợ</Button>}
      </Flex>
      <Table<Beneficiary>
        size="small"
        bordered
        loading={list.isLoading}
        rowKey="id"
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: `Chưa có hộ được hỗ trợ năm ${year}` }}
        scroll={{ x: 1100 }}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 110, render: (v) => formatDate(v) },
          { title: 'Hộ', key: 'h', width: 220, render: (_, b) => <Link to={`/ho-gia-dinh/${b.householdId}`}>{b.headName} ({b.householdCode})</Link> },
          { title: 'Đối tượng', dataIndex: 'group', width: 150, render: (v: Beneficiary['group']) => GROUP_NAME[v] },
          { title: 'Dự án', dataIndex: 'projectCode', width: 190, render: (v) => label.get(v) ?? v },
          { title: 'Hình thức hỗ trợ', dataIndex: 'supportType', width: 190, render: (v: Beneficiary['supportType']) => SUPPORT_TYPE_LABEL[v] },
          { title: 'Số tiền', dataIndex: 'amount', align: 'right', width: 140, render: (v) => formatMoney(v) },
        ]}
      />
      {adding && <BeneficiaryForm unit={unit} year={year} onClose={() => setAdding(false)} />}
    </>
  );
}

export default function ProgramPage() {
  const { user } = useCurrentUser();
  const { root, year, set, provinces, isAdmin } = useReportParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'projects';
  const canWrite = roleMayWrite(user.role, 'program') && user.role !== 'commune';
  const unit = root;
  return (
    <Card
      title="Chương trình mục tiêu quốc gia giảm nghèo bền vững"
      extra={
        <Flex gap={8} wrap align="center">
          {isAdmin && <Select aria-label="Tỉnh" style={{ width: 180 }} value={root ?? undefined} options={provinces.data} onChange={(v) => set({ root: v })} />}
          <Select aria-label="Năm" style={{ width: 120 }} value={year ?? undefined} options={yearOptions()} onChange={(v) => set({ year: v })} />
          {unit && year && <ExportButton label="Báo cáo tiến độ (Excel)" run={(p) => downloadProgramProgress({ unit, year }, p)} />}
        </Flex>
      }
    >
      {unit && year && (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams((prev) => { const n = new URLSearchParams(prev); n.set('tab', k); return n; }, { replace: true })}
          items={[
            { key: 'projects', label: 'Dự án', children: <ProjectsTab unit={unit} year={year} /> },
            { key: 'funds', label: 'Kinh phí', children: <FundsTab unit={unit} year={year} canWrite={canWrite} /> },
            { key: 'activities', label: 'Hoạt động', children: <ActivitiesTab unit={unit} year={year} canWrite={canWrite} /> },
            { key: 'households', label: 'Hộ được hỗ trợ', children: <BeneficiariesTab unit={unit} year={year} canWrite={canWrite} /> },
          ]}
        />
      )}
    </Card>
  );
}
