import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { roleMayWrite } from '@domain/auth/domain/write-kinds';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Result, Row, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import {
  addMember, getHousehold, householdClassifications, updateHousehold, updateMember, type HouseholdDetail, type MemberView,
} from '../../api/households';
import { useCrumb } from '../../app/AppLayout';
import { useApiMutation } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { EMPTY, formatDate, formatDateTime, formatInt } from '../../format';
import { CLASS_COLOR, CLASS_LABEL, disabilityLabel, educationLabel, employmentLabel, relationLabel, sexLabel, statusLabel } from './labels';
import { PERSON_DEFAULTS, PersonFields, toPerson, type PersonValues } from './PersonFields';
import { useChildUnits } from './useUnits';

const yesNo = (v: boolean | null | undefined) => (v === null || v === undefined ? EMPTY : v ? 'Có' : 'Không');

interface EditValues {
  code: string;
  villageCode?: string | null;
  address?: string | null;
  registeredOn?: Dayjs;
  meritorious?: boolean;
}

function EditHouseholdModal({ h, open, onClose, reload }: { h: HouseholdDetail; open: boolean; onClose: () => void; reload: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const qc = useQueryClient();
  const villages = useChildUnits(h.communeCode, 'village');
  const save = useApiMutation({
    mutationFn: (v: EditValues) =>
      updateHousehold(h.id, {
        version: h.version,
        code: v.code.trim(),
        villageCode: v.villageCode ?? null,
        address: v.address?.trim() || null,
        registeredOn: v.registeredOn?.format('YYYY-MM-DD'),
        meritorious: !!v.meritorious,
      }),
    form,
    onReload: () => {
      onClose();
      reload();
    },
    success: 'Đã lưu thông tin hộ',
    onSuccess: (d) => {
      qc.setQueryData(['household', h.id], d);
      qc.invalidateQueries({ queryKey: ['households'] });
      onClose();
    },
  });
  return (
    <Modal open={open} title={`Sửa thông tin hộ ${h.code}`} okText="Lưu" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden width={640}>
      <Form<EditValues>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ code: h.code, villageCode: h.villageCode, address: h.address, registeredOn: dayjs(h.registeredOn), meritorious: h.meritorious }}
      >
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item label="Mã hộ" name="code" rules={[{ required: true, whitespace: true, message: 'Nhập mã hộ' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="Thôn, tổ dân phố" name="villageCode">
              <Select showSearch={{ optionFilterProp: 'label' }} options={villages.data} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label="Địa chỉ" name="address">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label="Ngày vào sổ" name="registeredOn">
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item label=" " name="meritorious" valuePropName="checked">
              <Checkbox>Hộ người có công</Checkbox>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** Adds a member, or edits one (`member`). */
function MemberModal({ h, member, onClose, reload }: { h: HouseholdDetail; member: MemberView | 'new' | null; onClose: () => void; reload: () => void }) {
  const [form] = Form.useForm<PersonValues>();
  const qc = useQueryClient();
  const isNew = member === 'new';
  const save = useApiMutation({
    mutationFn: (v: PersonValues) => {
      const p = toPerson(v);
      if (isNew) return addMember(h.id, { ...p, relation: v.relation!, version: h.version });
      const m = member as MemberView;
      const { relation, ...rest } = p;
      return updateMember(h.id, m.id, { ...rest, birthYear: rest.birthYear ?? undefined, ...(m.relation === 'head' ? {} : { relation }), version: h.version });
    },
    form,
    onReload: () => {
      onClose();
      reload();
    },
    success: isNew ? 'Đã thêm thành viên' : 'Đã lưu thành viên',
    onSuccess: (d) => {
      qc.setQueryData(['household', h.id], d);
      qc.invalidateQueries({ queryKey: ['households'] });
      onClose();
    },
  });
  const initial: Partial<PersonValues> =
    member && member !== 'new'
      ? ({ ...member, birthDate: member.birthDate ? dayjs(member.birthDate) : null, relation: member.relation === 'head' ? undefined : member.relation } as Partial<PersonValues>)
      : { ...PERSON_DEFAULTS, relation: 'child' };
  return (
    <Modal
      open={!!member}
      title={isNew ? 'Thêm thành viên' : `Sửa thành viên: ${(member as MemberView | null)?.fullName ?? ''}`}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={900}
    >
      <Form<PersonValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={initial}>
        <PersonFields name={[]} relation={isNew || (member as MemberView | null)?.relation !== 'head'} who="thành viên" />
      </Form>
    </Modal>
  );
}

function Classifications({ h }: { h: HouseholdDetail }) {
  const q = useQuery({ queryKey: ['household-classes', h.id], queryFn: () => householdClassifications(h.communeCode, h.id) });
  return (
    <Card title="Kết quả rà soát qua các năm" style={{ marginTop: 16 }}>
      <Table
        rowKey="roundId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data}
        pagination={false}
        locale={{ emptyText: 'Hộ chưa có kết quả rà soát nào' }}
        columns={[
          { title: 'Năm', dataIndex: 'year', width: 70 },
          { title: 'Loại đợt', dataIndex: 'kind', width: 120, render: (k) => ({ periodic: 'Định kỳ', regular: 'Thường xuyên', baseline: 'Số liệu đầu kỳ' })[k as string] ?? k },
          {
            title: 'Phân loại',
            dataIndex: 'decidedClass',
            width: 210,
            render: (c, r) =>
              r.roundStatus === 'decided' || r.roundStatus === 'reported' ? <Tag color={CLASS_COLOR[c ?? 'none']}>{CLASS_LABEL[c ?? 'none']}</Tag> : <Tag>Đang rà soát</Tag>,
          },
          { title: 'Giải thích', dataIndex: 'explanation', render: (v) => v ?? EMPTY },
          { title: 'Số giấy chứng nhận', dataIndex: 'certificateNumber', width: 150, responsive: ['lg'], render: (v) => v ?? EMPTY },
        ]}
      />
    </Card>
  );
}

/** /ho-gia-dinh/:id: the household, its members, its history and its classification by year. */
export default function HouseholdPage() {
  const id = Number(useParams().id);
  const { user } = useCurrentUser();
  const q = useQuery({ queryKey: ['household', id], queryFn: () => getHousehold(id) });
  const [editing, setEditing] = useState(false);
  const [member, setMember] = useState<MemberView | 'new' | null>(null);
  const h = q.data;
  useCrumb(h ? `Hộ ${h.code} — ${h.head.fullName}` : null);

  if (q.isLoading) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
  if (q.error || !h) {
    const e = q.error as ApiError | null;
    return <Result status={e?.status === 404 ? '404' : e?.status === 403 ? '403' : 'error'} title={e?.message ?? 'Không tải được hộ'} extra={<Link to="/ho-gia-dinh">Về sổ hộ</Link>} />;
  }
  const canWrite = user.role !== 'admin' && roleMayWrite(user.role, 'register') && h.status === 'active';
  const reload = () => q.refetch();

  return (
    <>
      <Card
        title={`Hộ ${h.code} — ${h.head.fullName}`}
        extra={
          canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Sửa thông tin hộ
            </Button>
          )
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { label: 'Mã hộ', children: h.code },
            { label: 'Chủ hộ', children: `${h.head.fullName} (${sexLabel(h.head.sex)}, ${h.head.birthYear})` },
            { label: 'Dân tộc chủ hộ', children: h.head.ethnicityName },
            { label: 'Số CCCD chủ hộ', children: h.head.idNumber ?? EMPTY },
            { label: 'Xã, thị trấn', children: h.communeName ?? h.communeCode },
            { label: 'Thôn, tổ dân phố', children: h.villageName ?? EMPTY },
            { label: 'Địa chỉ', children: h.address ?? EMPTY },
            { label: 'Ngày vào sổ', children: formatDate(h.registeredOn) },
            { label: 'Trạng thái', children: h.status === 'active' ? statusLabel(h.status) : `${statusLabel(h.status)} (${formatDate(h.statusDate)})` },
            { label: 'Số nhân khẩu', children: formatInt(h.persons) },
            { label: 'Người trong độ tuổi lao động có khả năng lao động', children: formatInt(h.labourMembers) },
            { label: 'Không có khả năng lao động', children: yesNo(h.noLabourCapacity) },
            { label: 'Chủ hộ dân tộc thiểu số', children: yesNo(h.ethnicMinority) },
            { label: 'Chủ hộ là nữ', children: yesNo(h.femaleHead) },
            { label: 'Hộ người có công', children: yesNo(h.meritorious) },
          ]}
        />
      </Card>

      <Card
        title={`Thành viên (${formatInt(h.members.length)} người)`}
        style={{ marginTop: 16 }}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setMember('new')}>
              Thêm thành viên
            </Button>
          )
        }
      >
        <Table<MemberView>
          rowKey="id"
          size="small"
          dataSource={h.members}
          pagination={false}
          scroll={{ x: 900 }}
          columns={[
            { title: 'Họ và tên', dataIndex: 'fullName', fixed: 'left', width: 180 },
            { title: 'Quan hệ với chủ hộ', dataIndex: 'relation', width: 130, render: relationLabel },
            { title: 'Giới tính', dataIndex: 'sex', width: 80, render: sexLabel },
            { title: 'Ngày/năm sinh', dataIndex: 'birthYear', width: 110, render: (y, m) => (m.birthDate ? formatDate(m.birthDate) : y) },
            { title: 'Tuổi', dataIndex: 'age', width: 60, align: 'right' },
            { title: 'Dân tộc', dataIndex: 'ethnicityName', width: 90 },
            { title: 'Số CCCD', dataIndex: 'idNumber', width: 130, render: (v) => v ?? EMPTY },
            { title: 'BHYT', dataIndex: 'healthInsurance', width: 70, render: yesNo },
            { title: 'Trình độ', dataIndex: 'educationLevel', width: 130, render: (v) => educationLabel(v) || EMPTY },
            { title: 'Việc làm', dataIndex: 'employment', width: 150, render: (v) => employmentLabel(v) || EMPTY },
            { title: 'Khuyết tật', dataIndex: 'disability', width: 90, render: (v) => disabilityLabel(v) || EMPTY },
            ...(canWrite
              ? [{ title: '', key: 'edit', width: 70, fixed: 'right' as const, render: (_: unknown, m: MemberView) => <Button type="link" size="small" onClick={() => setMember(m)} aria-label={`Sửa ${m.fullName}`}>Sửa</Button> }]
              : []),
          ]}
        />
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Classifications h={h} />
        </Col>
        <Col xs={24} lg={8}>
          <Card title="Lịch sử trạng thái" style={{ marginTop: 16 }}>
            {h.history.length || h.splitFrom ? (
              <Timeline
                items={[
                  { content: <>Vào sổ ngày {formatDate(h.registeredOn)}{h.splitFrom && <> (tách từ hộ <Link to={`/ho-gia-dinh/${h.splitFrom.id}`}>{h.splitFrom.code}</Link>)</>}</> },
                  ...h.history.map((e) => ({
                    color: e.toStatus === 'active' ? 'green' : 'gray',
                    content: (
                      <Space direction="vertical" size={0}>
                        <Typography.Text strong>
                          {formatDate(e.date)}: {statusLabel(e.toStatus)}
                          {e.relatedHousehold && (
                            <> — hộ <Link to={`/ho-gia-dinh/${e.relatedHousehold.id}`}>{e.relatedHousehold.code}</Link></>
                          )}
                        </Typography.Text>
                        {e.reason && <Typography.Text>{e.reason}</Typography.Text>}
                        <Typography.Text type="secondary">
                          {e.by ?? EMPTY}, {formatDateTime(e.at)}
                        </Typography.Text>
                      </Space>
                    ),
                  })),
                ]}
              />
            ) : (
              <Empty description={`Vào sổ ngày ${formatDate(h.registeredOn)}; chưa thay đổi trạng thái`} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
      {canWrite && <EditHouseholdModal h={h} open={editing} onClose={() => setEditing(false)} reload={reload} />}
      {canWrite && <MemberModal h={h} member={member} onClose={() => setMember(null)} reload={reload} />}
    </>
  );
}
