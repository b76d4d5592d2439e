/** One project (or sub-project) of the program in a unit and year: funds by source and type, activities, households supported and their outcome. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Spin, Table } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { getProgress, GROUP_NAME, listActivities, listBeneficiaries, SOURCE_LABEL, SUPPORT_TYPE_LABEL, TYPE_LABEL, type ProgressNode } from '../../api/program';
import { useCrumb } from '../../app/AppLayout';
import { formatDate, formatInt, formatMoney, formatRate } from '../../format';
import { useReportParams } from '../reports/useReportParams';

function find(nodes: ProgressNode[], code: string): ProgressNode | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const c = find(n.subProjects, code);
    if (c) return c;
  }
  return undefined;
}

export default function ProjectPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const { root, year } = useReportParams();
  const unit = params.get('unit') ?? root;
  const q = useQuery({ queryKey: ['program', 'progress', unit, year], queryFn: () => getProgress({ unit: unit!, year: year! }), enabled: !!unit && !!year });
  const acts = useQuery({ queryKey: ['program', 'activities', unit, year, code], queryFn: () => listActivities({ unit: unit!, year: year!, project: code, pageSize: 50 }), enabled: !!unit && !!year });
  const bens = useQuery({ queryKey: ['program', 'beneficiaries', unit, year, code], queryFn: () => listBeneficiaries({ unit: unit!, year: year!, project: code, pageSize: 50 }), enabled: !!unit && !!year });
  const node = q.data && q.data.programs.map((p) => find(p.projects, code)).find(Boolean);
  useCrumb(node ? `${node.label}: ${node.name}` : code);
  if (q.isLoading) return <Spin tip="Đang tải…"><div style={{ height: 200 }} /></Spin>;
  if (!node) return <Empty description="Không tìm thấy dự án" />;
  const f = node.funds;
  return (
    <Card title={`${node.label}: ${node.name}`} extra={`${q.data!.unit.name} — năm ${q.data!.year}`}>
      {!node.applicable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="Dự án không áp dụng tại đơn vị" description={node.notApplicableReason} />}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'a', label: 'Kế hoạch vốn giao', children: formatMoney(f.allocated) },
          { key: 'd', label: 'Đã giải ngân', children: `${formatMoney(f.disbursed)} (${formatRate(f.rate)})` },
          ...(Object.keys(SOURCE_LABEL) as (keyof typeof SOURCE_LABEL)[]).map((s) => ({ key: s, label: `Nguồn ${SOURCE_LABEL[s]}`, children: `${formatMoney(f.bySource[s].allocated)} giao, ${formatMoney(f.bySource[s].disbursed)} giải ngân` })),
          ...(Object.keys(TYPE_LABEL) as (keyof typeof TYPE_LABEL)[]).map((t) => ({ key: t, label: TYPE_LABEL[t].charAt(0).toUpperCase() + TYPE_LABEL[t].slice(1), children: `${formatMoney(f.byType[t].allocated)} giao, tỷ lệ giải ngân ${formatRate(f.byType[t].rate)}` })),
          { key: 'act', label: 'Hoạt động', children: `${formatInt(node.activities.count)} hoạt động, ${formatInt(node.activities.participants.total)} lượt người tham gia` },
          { key: 'hh', label: 'Hộ được hỗ trợ', children: `${formatInt(node.households.total)} hộ (${formatInt(node.households.poor)} hộ nghèo, ${formatInt(node.households.nearPoor)} hộ cận nghèo), ${formatMoney(node.households.amount)}` },
          { key: 'out', label: 'Hộ nghèo được hỗ trợ đã thoát nghèo', children: `${formatInt(node.outcome.escapedPoverty)}/${formatInt(node.outcome.supportedPoor)} (${formatRate(node.outcome.escapedPovertyRate)})` },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        title={() => 'Hoạt động'}
        size="small"
        bordered
        rowKey="id"
        loading={acts.isLoading}
        dataSource={acts.data?.items}
        pagination={false}
        locale={{ emptyText: 'Chưa có hoạt động' }}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 110, render: (v) => formatDate(v) },
          { title: 'Hoạt động', dataIndex: 'title' },
          { title: 'Số người', key: 'p', align: 'right', width: 100, render: (_, a) => formatInt(a.participants.total) },
        ]}
      />
      <Table
        style={{ marginTop: 16 }}
        title={() => 'Hộ được hỗ trợ'}
        size="small"
        bordered
        rowKey="id"
        loading={bens.isLoading}
        dataSource={bens.data?.items}
        pagination={false}
        locale={{ emptyText: 'Chưa có hộ được hỗ trợ' }}
        columns={[
          { title: 'Ngày', dataIndex: 'date', width: 110, render: (v) => formatDate(v) },
          { title: 'Hộ', key: 'h', render: (_, b) => `${b.headName} (${b.householdCode})` },
          { title: 'Đối tượng', dataIndex: 'group', width: 150, render: (v: keyof typeof GROUP_NAME) => GROUP_NAME[v] },
          { title: 'Hình thức', dataIndex: 'supportType', width: 200, render: (v: keyof typeof SUPPORT_TYPE_LABEL) => SUPPORT_TYPE_LABEL[v] },
          { title: 'Số tiền', dataIndex: 'amount', align: 'right', width: 140, render: (v) => formatMoney(v) },
        ]}
      />
    </Card>
  );
}
