import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Descriptions, Input, Row, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { listAudit, type AuditItem, type AuditQuery } from '../../api/audit';
import { ROLE_LABEL } from '../../auth/session';
import { EMPTY, formatDateTime, formatInt } from '../../format';

/** What was changed, as officers name it (the API's entity kinds). */
const ENTITY_LABEL: Record<string, string> = {
  household: 'Hộ gia đình',
  household_member: 'Thành viên hộ',
  review_round: 'Đợt rà soát',
  review_result: 'Kết quả rà soát',
  review_application: 'Đơn đề nghị',
  review_complaint: 'Khiếu nại',
  reduction_plan: 'Kế hoạch giảm nghèo',
  user: 'Tài khoản',
  admin_unit_version: 'Đơn vị hành chính',
  admin_unit_succession: 'Sáp nhập, chia tách đơn vị',
  poverty_standard: 'Chuẩn nghèo',
  poverty_standard_line: 'Mức chuẩn nghèo',
  poverty_indicator: 'Chỉ số thiếu hụt',
  poverty_dimension: 'Chiều thiếu hụt',
  program: 'Chương trình',
  program_project: 'Dự án',
  program_activity: 'Hoạt động',
  program_beneficiary: 'Hộ được hỗ trợ',
  program_fund_entry: 'Nguồn vốn',
  program_applicability: 'Phạm vi áp dụng',
};
const ACTION_LABEL: Record<string, string> = {
  create: 'Thêm',
  update: 'Sửa',
  delete: 'Xóa',
  import: 'Nhập Excel',
  override: 'Điều chỉnh phân loại',
  transition: 'Chuyển bước',
  status: 'Đổi trạng thái',
  reclassify: 'Phân loại lại',
  password_change: 'Đổi mật khẩu',
  lockout: 'Khóa do đăng nhập sai',
  export: 'Xuất Excel',
  correct: 'Sửa phiên bản',
};
const label = (map: Record<string, string>, v: string | null) => (v ? (map[v] ?? v) : EMPTY);
const json = (v: unknown) => (v === null || v === undefined ? EMPTY : <pre style={{ margin: 0, whiteSpace: 'pre-wrap', maxHeight: 240, overflow: 'auto' }}>{JSON.stringify(v, null, 2)}</pre>);

/** /quan-tri/nhat-ky: the audit trail, filtered by entity, unit, action, actor and dates, paged. */
export default function AuditPage() {
  const [params, setParams] = useSearchParams();
  const g = (k: string) => params.get(k) ?? undefined;
  const query: AuditQuery = { entity: g('entity'), unit: g('unit'), action: g('action'), actor: g('actor'), from: g('from'), to: g('to'), page: Number(g('page') ?? 1), pageSize: 20 };
  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v ? n.set(k, v) : n.delete(k));
      if (!('page' in patch)) n.delete('page');
      return n;
    });
  const list = useQuery({ queryKey: ['audit', query], queryFn: () => listAudit(query), placeholderData: keepPreviousData });
  return (
    <Card title="Nhật ký thao tác">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6} xl={5}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label="Đối tượng"
            placeholder="Đối tượng"
            style={{ width: '100%' }}
            value={query.entity}
            onChange={(v) => set({ entity: v })}
            options={Object.entries(ENTITY_LABEL).map(([value, l]) => ({ value, label: l }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            allowClear
            aria-label="Thao tác"
            placeholder="Thao tác"
            style={{ width: '100%' }}
            value={query.action}
            onChange={(v) => set({ action: v })}
            options={Object.entries(ACTION_LABEL).map(([value, l]) => ({ value, label: l }))}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Input.Search allowClear aria-label="Người thực hiện" placeholder="Tên đăng nhập người thực hiện" defaultValue={query.actor} onSearch={(v) => set({ actor: v.trim() || undefined })} />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Input.Search allowClear aria-label="Mã đơn vị" placeholder="Mã đơn vị (và cấp dưới)" defaultValue={query.unit} onSearch={(v) => set({ unit: v.trim() || undefined })} />
        </Col>
        <Col xs={24} md={12} xl={7}>
          <DatePicker.RangePicker
            aria-label="Khoảng thời gian"
            format="DD/MM/YYYY"
            placeholder={['Từ ngày', 'Đến ngày']}
            style={{ width: '100%' }}
            value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Col>
      </Row>
      <Table<AuditItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 1000 }}
        onChange={(p) => set({ page: String(p.current) })}
        pagination={{ current: query.page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `${formatInt(t)} mục` }}
        expandable={{
          expandedRowRender: (a) => (
            <Descriptions size="small" bordered column={1} items={[{ label: 'Trước', children: json(a.oldValue) }, { label: 'Sau', children: json(a.newValue) }, { label: 'Mã yêu cầu', children: a.requestId ?? EMPTY }]} />
          ),
        }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'at', width: 150, render: formatDateTime },
          { title: 'Người thực hiện', dataIndex: 'actor', width: 200, render: (v, a) => <>{v ?? EMPTY}{a.actorRole && <Typography.Text type="secondary"> ({ROLE_LABEL[a.actorRole as keyof typeof ROLE_LABEL] ?? a.actorRole})</Typography.Text>}</> },
          { title: 'Thao tác', dataIndex: 'action', width: 140, render: (v) => label(ACTION_LABEL, v) },
          { title: 'Đối tượng', dataIndex: 'entity', width: 160, render: (v) => label(ENTITY_LABEL, v) },
          { title: 'Mã', dataIndex: 'entityId', width: 90, render: (v) => v ?? EMPTY },
          { title: 'Đơn vị', dataIndex: 'unitCode', width: 90, render: (v) => v ?? EMPTY },
          { title: 'Ghi chú', dataIndex: 'note', render: (v) => v ?? EMPTY },
        ]}
      />
    </Card>
  );
}
