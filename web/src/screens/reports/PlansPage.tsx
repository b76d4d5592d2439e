/**
 * "Kế hoạch giảm nghèo": the reduction each unit is assigned for a year (percentage points of the
 * poor-household rate, or households). District and province officers set the plans of their
 * area; replacing a plan sends the version read, and a 409 offers to reload.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { roleMayWrite } from '@domain/auth/domain/write-kinds';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, Form, Input, InputNumber, Modal, Radio, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { listPlans, putPlan, type Plan, type PlanInput } from '../../api/plans';
import { PLAN_UNIT_LABEL } from '../../api/reports';
import { useApiMutation } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { formatDateTime, formatNumber } from '../../format';
import { thisYear, useReportParams, useScopeUnits, yearOptions } from './useReportParams';

interface FormValues { unitCode: string; year: number; target: number; unit: 'points' | 'households'; note?: string }

export default function PlansPage() {
  const { user, unit: ownUnit } = useCurrentUser();
  const { root, year: reportYear, set } = useReportParams();
  const year = reportYear ?? thisYear() - 1;
  const canWrite = roleMayWrite(user.role, 'plan');
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ['plans', root, year], queryFn: () => listPlans({ unit: root!, year, pageSize: 1000 }), enabled: !!root });
  const units = useScopeUnits(root);
  const unitOptions = useMemo(
    () => [...(root ? [{ value: root, label: root === ownUnit?.code ? ownUnit.name : root }] : []), ...(units.data ?? [])],
    [root, ownUnit, units.data],
  );
  const [editing, setEditing] = useState<Partial<Plan> | null>(null);
  const [form] = Form.useForm<FormValues>();

  const open = (p: Partial<Plan>) => {
    setEditing(p);
    form.setFieldsValue({ unitCode: p.unitCode ?? root ?? undefined, year: p.year ?? year, target: p.target, unit: p.unit ?? 'points', note: p.note ?? undefined });
  };
  const reload = async () => {
    const fresh = await plans.refetch();
    const v = form.getFieldsValue();
    const now = fresh.data?.items.find((x) => x.unitCode === v.unitCode && x.year === v.year);
    if (now) open(now);
  };
  const save = useApiMutation({
    mutationFn: (v: FormValues) => {
      // replacing: the version read (the one in the list, fresh after a reload)
      const existing = plans.data?.items.find((x) => x.unitCode === v.unitCode && x.year === v.year);
      const body: PlanInput = { target: v.target, unit: v.unit, note: v.note || undefined, version: existing?.version };
      return putPlan(v.unitCode, v.year, body);
    },
    form,
    onReload: reload,
    success: 'Đã lưu kế hoạch',
    onSuccess: () => {
      setEditing(null);
      qc.invalidateQueries({ queryKey: ['plans'] });
      qc.invalidateQueries({ queryKey: ['reports'] });
    },
  });

  return (
    <Card
      title="Kế hoạch giảm nghèo"
      extra={canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => open({})}>Giao kế hoạch</Button>}
    >
      <Flex gap={12} style={{ marginBottom: 12 }} align="center" wrap>
        <Select aria-label="Năm kế hoạch" style={{ width: 130 }} value={year} options={yearOptions()} onChange={(v) => set({ year: v })} />
        <Typography.Text type="secondary">Mức giảm tỷ lệ hộ nghèo (điểm %) hoặc số hộ nghèo giảm được giao cho từng đơn vị; báo cáo tổng hợp tính % hoàn thành theo kế hoạch này.</Typography.Text>
      </Flex>
      <Table<Plan>
        size="small"
        bordered
        rowKey={(p) => `${p.unitCode}/${p.year}`}
        loading={plans.isLoading}
        dataSource={plans.data?.items}
        pagination={false}
        locale={{ emptyText: `Chưa giao kế hoạch năm ${year}` }}
        columns={[
          { title: 'Đơn vị', dataIndex: 'unitName', render: (v, p) => v ?? p.unitCode },
          { title: 'Năm', dataIndex: 'year', width: 80 },
          { title: 'Chỉ tiêu giảm', key: 'target', align: 'right', width: 150, render: (_, p) => `${formatNumber(p.target)} ${PLAN_UNIT_LABEL[p.unit]}` },
          { title: 'Căn cứ, ghi chú', dataIndex: 'note', render: (v) => v ?? '—' },
          { title: 'Cập nhật', key: 'updated', width: 170, render: (_, p) => `${formatDateTime(p.updatedAt)}${p.updatedBy ? ` (${p.updatedBy})` : ''}` },
          ...(canWrite
            ? [{ title: '', key: 'edit', width: 90, render: (_: unknown, p: Plan) => <Button size="small" icon={<EditOutlined />} onClick={() => open(p)} aria-label={`Sửa kế hoạch ${p.unitName ?? p.unitCode}`}>Sửa</Button> }]
            : []),
        ]}
      />
      <Modal
        open={!!editing}
        title={editing?.version ? 'Sửa kế hoạch' : 'Giao kế hoạch'}
        okText="Lưu"
        cancelText="Hủy"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="unitCode" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
            <Select options={unitOptions} disabled={!!editing?.version} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="year" label="Năm" rules={[{ required: true, message: 'Chọn năm' }]}>
            <Select options={yearOptions()} disabled={!!editing?.version} />
          </Form.Item>
          <Form.Item name="unit" label="Tính theo">
            <Radio.Group options={[{ value: 'points', label: 'Điểm % tỷ lệ hộ nghèo' }, { value: 'households', label: 'Số hộ nghèo giảm' }]} />
          </Form.Item>
          <Form.Item name="target" label="Chỉ tiêu giảm" rules={[{ required: true, message: 'Nhập chỉ tiêu' }]}>
            <InputNumber min={0.01} step={0.01} precision={2} decimalSeparator="," style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label="Căn cứ (số kế hoạch, nghị quyết…)">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
