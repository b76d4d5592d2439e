import { PlusOutlined } from '@ant-design/icons';
import { KIND_LABEL, KINDS_BY_LEVEL, type UnitKind } from '@domain/units/domain/unit-rules';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Descriptions, Drawer, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { addUnitVersion, correctUnitVersion, getUnit, LEVEL_LABEL, listUnits, type UnitDetail, type UnitLevel, type UnitVersion } from '../../api/units';
import { useApiMutation } from '../../app/errors';
import { EMPTY, formatDate, formatInt } from '../../format';

const LEVELS: UnitLevel[] = ['province', 'district', 'commune', 'village'];
const AREA_LABEL: Record<string, string> = { rural: 'Nông thôn', urban: 'Thành thị' };
const SUCCESSION_LABEL: Record<string, string> = { merge: 'Sáp nhập', split: 'Chia tách', rename: 'Đổi tên' };
const kindLabel = (k: string) => {
  const l = KIND_LABEL[k as UnitKind];
  return l ? l.charAt(0).toUpperCase() + l.slice(1) : k;
};
const validity = (u: { validFrom: string; validTo: string | null }) => `${formatDate(u.validFrom)} → ${u.validTo ? formatDate(u.validTo) : 'nay'}`;

interface VersionValues {
  validFrom: Dayjs;
  validTo?: Dayjs | null;
  name: string;
  kind: string;
  areaType?: string | null;
  parentCode?: string | null;
}

/** Adds a dated version (`version` absent) or corrects one. */
function VersionModal({ unit, version, open, onClose }: { unit: UnitDetail; version?: UnitDetail['versions'][number]; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<VersionValues>();
  const qc = useQueryClient();
  const base = version ?? unit;
  const save = useApiMutation({
    mutationFn: (v: VersionValues) => {
      const body = {
        name: v.name.trim(),
        kind: v.kind,
        areaType: (v.areaType as 'rural' | 'urban' | null) ?? null,
        parentCode: v.parentCode?.trim() || null,
        validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
      };
      return version
        ? correctUnitVersion(unit.code, version.validFrom, { ...body, version: version.version, validFrom: v.validFrom.format('YYYY-MM-DD') })
        : addUnitVersion(unit.code, { ...body, validFrom: v.validFrom.format('YYYY-MM-DD') });
    },
    form,
    onReload: () => {
      qc.invalidateQueries({ queryKey: ['unit', unit.code] });
      onClose();
    },
    success: version ? 'Đã sửa phiên bản' : 'Đã thêm phiên bản',
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['unit', unit.code] });
      qc.invalidateQueries({ queryKey: ['units-admin'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={version ? `Sửa phiên bản từ ${formatDate(version.validFrom)} — ${unit.code}` : `Thêm phiên bản mới — ${unit.name}`}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {version ? 'Sửa một phiên bản đã ghi sai.' : 'Phiên bản mới có hiệu lực từ ngày đã chọn; phiên bản đang có hiệu lực sẽ kết thúc vào ngày hôm trước.'}
      </Typography.Paragraph>
      <Form<VersionValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{
          validFrom: version ? dayjs(version.validFrom) : undefined,
          validTo: version?.validTo ? dayjs(version.validTo) : null,
          name: base.name,
          kind: base.kind,
          areaType: base.areaType,
          parentCode: base.parentCode,
        }}
      >
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item label="Hiệu lực từ ngày" name="validFrom" rules={[{ required: true, message: 'Chọn ngày bắt đầu hiệu lực' }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="Đến ngày (để trống: còn hiệu lực)" name="validTo">
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="Tên" name="name" rules={[{ required: true, whitespace: true, message: 'Nhập tên đơn vị' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="Loại" name="kind" rules={[{ required: true, message: 'Chọn loại' }]}>
              <Select options={(KINDS_BY_LEVEL[unit.level] as readonly string[]).map((k) => ({ value: k, label: kindLabel(k) }))} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="Khu vực" name="areaType">
              <Select allowClear options={[{ value: 'rural', label: 'Nông thôn' }, { value: 'urban', label: 'Thành thị' }]} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="Mã đơn vị cấp trên" name="parentCode">
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function UnitDrawer({ code, onClose, onOpen }: { code: string | null; onClose: () => void; onOpen: (c: string) => void }) {
  const q = useQuery({ queryKey: ['unit', code], queryFn: () => getUnit(code!), enabled: !!code });
  const [adding, setAdding] = useState(false);
  const [correcting, setCorrecting] = useState<UnitDetail['versions'][number] | undefined>();
  const u = q.data;
  const links = (list: UnitDetail['predecessors']) =>
    list.length ? (
      <Space direction="vertical" size={0}>
        {list.map((l) => (
          <span key={`${l.code}-${l.effectiveDate}`}>
            {SUCCESSION_LABEL[l.kind] ?? l.kind} từ {formatDate(l.effectiveDate)}:{' '}
            <Typography.Link onClick={() => onOpen(l.code)}>{l.name ?? l.code}</Typography.Link>
          </span>
        ))}
      </Space>
    ) : (
      EMPTY
    );
  return (
    <Drawer open={!!code} onClose={onClose} size={720} title={u ? `${u.name} (${u.code})` : 'Đơn vị hành chính'} loading={q.isLoading}>
      {u && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { label: 'Cấp', children: LEVEL_LABEL[u.level] },
              { label: 'Loại', children: kindLabel(u.kind) },
              { label: 'Khu vực', children: u.areaType ? AREA_LABEL[u.areaType] : EMPTY },
              { label: 'Đơn vị cấp trên', children: u.parentCode ? <Typography.Link onClick={() => onOpen(u.parentCode!)}>{u.parentCode}</Typography.Link> : EMPTY },
              { label: 'Hiệu lực', children: validity(u) },
              { label: 'Hình thành từ', children: links(u.predecessors) },
              { label: 'Chuyển thành', children: links(u.successors) },
              { label: 'Đơn vị trực thuộc', children: formatInt(u.children.length) },
            ]}
          />
          <Card
            size="small"
            title="Các phiên bản"
            extra={
              <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                Thêm phiên bản
              </Button>
            }
          >
            <Table
              rowKey="validFrom"
              size="small"
              pagination={false}
              dataSource={u.versions}
              columns={[
                { title: 'Hiệu lực', key: 'v', render: (_, v) => validity(v) },
                { title: 'Tên', dataIndex: 'name' },
                { title: 'Loại', dataIndex: 'kind', render: kindLabel },
                { title: 'Cấp trên', dataIndex: 'parentCode', render: (v) => v ?? EMPTY },
                { title: '', key: 'fix', width: 60, render: (_, v) => <Button type="link" size="small" onClick={() => setCorrecting(v)}>Sửa</Button> },
              ]}
            />
          </Card>
          {u.children.length > 0 && (
            <Card size="small" title="Đơn vị trực thuộc">
              <Table
                rowKey="code"
                size="small"
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                dataSource={u.children}
                columns={[
                  { title: 'Mã', dataIndex: 'code', width: 100 },
                  { title: 'Tên', dataIndex: 'name', render: (v, c) => <Typography.Link onClick={() => onOpen(c.code)}>{v}</Typography.Link> },
                  { title: 'Loại', dataIndex: 'kind', width: 120, render: kindLabel },
                ]}
              />
            </Card>
          )}
          <VersionModal unit={u} open={adding} onClose={() => setAdding(false)} />
          {correcting && <VersionModal unit={u} version={correcting} open onClose={() => setCorrecting(undefined)} />}
        </Space>
      )}
    </Drawer>
  );
}

/** /quan-tri/don-vi: administrative units by level and date, each with its versions and successions. */
export default function UnitsPage() {
  const [params, setParams] = useSearchParams();
  const level = (params.get('level') as UnitLevel) ?? 'district';
  const date = params.get('date') ?? undefined;
  const parent = params.get('parent') ?? undefined;
  const page = Number(params.get('page') ?? 1);
  const [open, setOpen] = useState<string | null>(null);
  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      for (const [k, v] of Object.entries(patch)) (v ? n.set(k, v) : n.delete(k));
      if (!('page' in patch)) n.delete('page');
      return n;
    });
  const list = useQuery({
    queryKey: ['units-admin', level, date, parent, page],
    queryFn: () => listUnits({ level, date, parent, page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title="Đơn vị hành chính">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Select aria-label="Cấp" style={{ width: '100%' }} value={level} onChange={(v) => set({ level: v })} options={LEVELS.map((l) => ({ value: l, label: `Cấp ${LEVEL_LABEL[l].toLowerCase()}` }))} />
        </Col>
        <Col xs={12} md={6}>
          <DatePicker
            aria-label="Hiệu lực ngày"
            format="DD/MM/YYYY"
            placeholder="Mọi thời điểm"
            style={{ width: '100%' }}
            value={date ? dayjs(date) : null}
            onChange={(d) => set({ date: d ? d.format('YYYY-MM-DD') : undefined })}
          />
        </Col>
        <Col xs={24} md={8}>
          <Input.Search allowClear aria-label="Mã đơn vị cấp trên" placeholder="Mã đơn vị cấp trên (ví dụ 073)" defaultValue={parent} onSearch={(v) => set({ parent: v.trim() || undefined })} />
        </Col>
      </Row>
      <Table<UnitVersion>
        rowKey={(u) => `${u.code}-${u.validFrom}`}
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        onChange={(p) => set({ page: String(p.current) })}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (t) => `${formatInt(t)} phiên bản`, showSizeChanger: false }}
        onRow={(u) => ({ onClick: () => setOpen(u.code), style: { cursor: 'pointer' } })}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 100 },
          { title: 'Tên', dataIndex: 'name', render: (v) => <Typography.Link>{v}</Typography.Link> },
          { title: 'Loại', dataIndex: 'kind', width: 150, render: kindLabel },
          { title: 'Khu vực', dataIndex: 'areaType', width: 110, render: (v) => (v ? AREA_LABEL[v] : EMPTY) },
          { title: 'Cấp trên', dataIndex: 'parentCode', width: 100, render: (v) => v ?? EMPTY },
          { title: 'Hiệu lực', key: 'validity', width: 220, render: (_, u) => (u.validTo ? validity(u) : <Space>{validity(u)}<Tag color="green">Hiện hành</Tag></Space>) },
        ]}
      />
      <UnitDrawer code={open} onClose={() => setOpen(null)} onOpen={setOpen} />
    </Card>
  );
}
