/** The program's entry forms (modals): a fund entry, an activity, a supported household with its eligibility check. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { listHouseholds } from '../../api/households';
import {
  ACTIVITY_KIND_LABEL, checkEligibility, createActivity, createBeneficiary, createFundEntry, FUND_KIND_LABEL, SOURCE_OPTIONS, SUPPORT_TYPE_LABEL,
  TYPE_OPTIONS, updateActivity, type Activity, type ActivityKind, type Eligibility, type FundKind, type FundSource, type FundType, type SupportType,
} from '../../api/program';
import { useApiMutation } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { useScopeUnits } from '../reports/useReportParams';
import { useProjectOptions } from './useProgram';

const ISO = 'YYYY-MM-DD';
const DATE_FORMAT = 'DD/MM/YYYY';
/** The last day of the year, or today while the year runs. */
const defaultDate = (year: number) => (dayjs(`${year}-12-31`).isBefore(dayjs()) ? dayjs(`${year}-12-31`) : dayjs());
const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((k) => ({ value: k, label: labels[k] }));
const vnd = { min: 0, step: 1_000_000, precision: 0, style: { width: '100%' }, formatter: (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.'), parser: (v: string | undefined) => Number((v ?? '').replace(/\./g, '')) };

function useUnitOptions(root: string) {
  const { unit: own } = useCurrentUser();
  const below = useScopeUnits(root);
  return useMemo(() => [{ value: root, label: own?.code === root ? own.name : root }, ...(below.data ?? [])], [root, own, below.data]);
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['program'] });
}

// ------------------------------------------------------------------ fund entry

interface FundValues { unitCode: string; projectCode: string; kind: FundKind; source: FundSource; fundType: FundType; amount: number; entryDate: Dayjs; documentRef?: string; note?: string; overspend?: boolean; overspendReason?: string }

export function FundEntryForm({ unit, year, onClose }: { unit: string; year: number; onClose: () => void }) {
  const [form] = Form.useForm<FundValues>();
  const units = useUnitOptions(unit);
  const { options: projects } = useProjectOptions(year);
  const invalidate = useInvalidate();
  const overspend = Form.useWatch('overspend', form);
  const save = useApiMutation({
    mutationFn: (v: FundValues) => createFundEntry({ ...v, year, entryDate: v.entryDate.format(ISO), documentRef: v.documentRef || undefined, note: v.note || undefined }),
    form,
    success: 'Đã ghi bút toán',
    onSuccess: () => { invalidate(); onClose(); },
  });
  return (
    <Modal open title={`Ghi bút toán kinh phí năm ${year}`} okText="Lưu" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} width={640}>
      <Form form={form} layout="vertical" initialValues={{ unitCode: unit, kind: 'allocated', source: 'central', fundType: 'recurrent', entryDate: defaultDate(year) }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="unitCode" label="Đơn vị" rules={[{ required: true, message: 'Chọn đơn vị' }]}><Select options={units} showSearch={{ optionFilterProp: 'label' }} /></Form.Item>
        <Form.Item name="projectCode" label="Dự án, tiểu dự án" rules={[{ required: true, message: 'Chọn dự án' }]}><Select options={projects} showSearch={{ optionFilterProp: 'label' }} /></Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="Loại bút toán"><Select style={{ width: 180 }} options={options(FUND_KIND_LABEL)} /></Form.Item>
          <Form.Item name="source" label="Nguồn vốn"><Select style={{ width: 200 }} options={SOURCE_OPTIONS} /></Form.Item>
          <Form.Item name="fundType" label="Loại vốn"><Select style={{ width: 200 }} options={TYPE_OPTIONS} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="amount" label="Số tiền (đồng)" rules={[{ required: true, message: 'Nhập số tiền' }]}><InputNumber {...vnd} min={undefined} style={{ width: 220 }} /></Form.Item>
          <Form.Item name="entryDate" label="Ngày" rules={[{ required: true, message: 'Chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Space>
        <Form.Item name="documentRef" label="Văn bản (quyết định, chứng từ)"><Input maxLength={100} /></Form.Item>
        <Form.Item name="note" label="Ghi chú"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.Item name="overspend" valuePropName="checked"><Checkbox>Giải ngân vượt kế hoạch vốn (cần nêu lý do)</Checkbox></Form.Item>
        {overspend && <Form.Item name="overspendReason" label="Lý do chi vượt" rules={[{ required: true, message: 'Nêu lý do' }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>}
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------------ activity

interface ActivityValues { unitCode: string; projectCode: string; kind: ActivityKind; title: string; date: Dayjs; place?: string; targetGroup?: string; participants: { total: number; women?: number; ethnicMinority?: number; officials?: number; residents?: number }; note?: string }

export function ActivityForm({ unit, year, activity, onClose }: { unit: string; year: number; activity: Activity | null; onClose: () => void }) {
  const [form] = Form.useForm<ActivityValues>();
  const units = useUnitOptions(unit);
  const { options: projects } = useProjectOptions(year);
  const invalidate = useInvalidate();
  const save = useApiMutation({
    mutationFn: (v: ActivityValues) => {
      const body = { ...v, date: v.date.format(ISO), place: v.place || undefined, targetGroup: v.targetGroup || undefined, note: v.note || undefined };
      return activity ? updateActivity(activity.id, { ...body, version: activity.version }) : createActivity(body);
    },
    form,
    onReload: () => { invalidate(); onClose(); },
    success: 'Đã lưu hoạt động',
    onSuccess: () => { invalidate(); onClose(); },
  });
  const initial = activity
    ? { ...activity, date: dayjs(activity.date), place: activity.place ?? undefined, targetGroup: activity.targetGroup ?? undefined, note: activity.note ?? undefined }
    : { unitCode: unit, kind: 'training' as const, date: defaultDate(year), participants: { total: 0 } };
  return (
    <Modal open title={activity ? 'Sửa hoạt động' : 'Thêm hoạt động'} okText="Lưu" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} width={680}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label="Tên hoạt động" rules={[{ required: true, message: 'Nhập tên hoạt động' }]}><Input maxLength={500} /></Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="Loại"><Select style={{ width: 200 }} options={options(ACTIVITY_KIND_LABEL)} /></Form.Item>
          <Form.Item name="date" label="Ngày" rules={[{ required: true, message: 'Chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          <Form.Item name="unitCode" label="Đơn vị tổ chức" rules={[{ required: true, message: 'Chọn đơn vị' }]}><Select style={{ width: 220 }} options={units} showSearch={{ optionFilterProp: 'label' }} /></Form.Item>
        </Space>
        <Form.Item name="projectCode" label="Dự án, tiểu dự án" rules={[{ required: true, message: 'Chọn dự án' }]}><Select options={projects} showSearch={{ optionFilterProp: 'label' }} /></Form.Item>
        <Form.Item name="place" label="Địa điểm"><Input maxLength={300} /></Form.Item>
        <Form.Item name="targetGroup" label="Đối tượng tham gia"><Input maxLength={300} /></Form.Item>
        <Space wrap>
          <Form.Item name={['participants', 'total']} label="Tổng số người" rules={[{ required: true, message: 'Nhập số người' }]}><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name={['participants', 'women']} label="Nữ"><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name={['participants', 'ethnicMinority']} label="Dân tộc thiểu số"><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name={['participants', 'officials']} label="Cán bộ"><InputNumber min={0} precision={0} /></Form.Item>
          <Form.Item name={['participants', 'residents']} label="Người dân"><InputNumber min={0} precision={0} /></Form.Item>
        </Space>
        <Form.Item name="note" label="Ghi chú"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------------ supported household

interface BeneficiaryValues { householdId: number; projectCode: string; supportType: SupportType; amount: number; date: Dayjs; note?: string }

export function BeneficiaryForm({ unit, year, onClose }: { unit: string; year: number; onClose: () => void }) {
  const [form] = Form.useForm<BeneficiaryValues>();
  const { options: projects } = useProjectOptions(year);
  const invalidate = useInvalidate();
  const [search, setSearch] = useState('');
  const [verdict, setVerdict] = useState<{ eligible: boolean; reason: string } | null>(null);
  const households = useQuery({
    queryKey: ['households', 'pick', unit, search],
    queryFn: () => listHouseholds({ unit, q: search || undefined, status: 'active', pageSize: 20 }),
    enabled: search.trim().length >= 2,
  });
  const save = useApiMutation({
    mutationFn: (v: BeneficiaryValues) => createBeneficiary({ ...v, date: v.date.format(ISO), note: v.note || undefined }),
    form,
    success: 'Đã ghi nhận hộ được hỗ trợ',
    onSuccess: () => { invalidate(); onClose(); },
    // a refusal (422 NOT_ELIGIBLE) names householdId: the service's Vietnamese reason shows under the household field
  });
  const check = async () => {
    const v = await form.validateFields(['householdId', 'projectCode', 'date']);
    const e: Eligibility = await checkEligibility({ household: v.householdId, project: v.projectCode, date: v.date.format(ISO) });
    setVerdict({ eligible: e.eligible, reason: e.reason });
  };
  return (
    <Modal open title="Thêm hộ được hỗ trợ" okText="Lưu" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} width={640}>
      <Form form={form} layout="vertical" initialValues={{ supportType: 'production_support', amount: 0, date: defaultDate(year) }} onFinish={(v) => save.mutate(v)} onValuesChange={() => setVerdict(null)}>
        <Form.Item name="householdId" label="Hộ (gõ tên chủ hộ hoặc mã hộ)" rules={[{ required: true, message: 'Chọn hộ' }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            loading={households.isFetching}
            notFoundContent={search.trim().length < 2 ? 'Gõ ít nhất 2 ký tự' : 'Không tìm thấy hộ'}
            options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.headName} (${h.code})${h.villageName ? ` — ${h.villageName}` : ''}` }))}
          />
        </Form.Item>
        <Form.Item name="projectCode" label="Dự án, tiểu dự án" rules={[{ required: true, message: 'Chọn dự án' }]}><Select options={projects} showSearch={{ optionFilterProp: 'label' }} /></Form.Item>
        <Space wrap>
          <Form.Item name="supportType" label="Hình thức hỗ trợ"><Select style={{ width: 240 }} options={options(SUPPORT_TYPE_LABEL)} /></Form.Item>
          <Form.Item name="amount" label="Giá trị hỗ trợ (đồng)" rules={[{ required: true, message: 'Nhập giá trị' }]}><InputNumber {...vnd} style={{ width: 200 }} /></Form.Item>
          <Form.Item name="date" label="Ngày hỗ trợ" rules={[{ required: true, message: 'Chọn ngày' }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        </Space>
        <Form.Item name="note" label="Ghi chú"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Button onClick={() => check().catch(() => undefined)}>Kiểm tra điều kiện hỗ trợ</Button>
        {verdict && (
          <Alert
            style={{ marginTop: 12 }}
            type={verdict.eligible ? 'success' : 'error'}
            showIcon
            message={verdict.eligible ? 'Hộ đủ điều kiện hỗ trợ' : 'Hộ không đủ điều kiện hỗ trợ'}
            description={<span data-testid="eligibility-reason">{verdict.reason}</span>}
          />
        )}
      </Form>
    </Modal>
  );
}
