/**
 * One review round: its legal steps (Decision 24/2021/QĐ-TTg Art. 4–5, docs/RULES.md §1, §3) with
 * the next one as a single button and its form, the round's results per household with their class
 * and explanation, and a decided round shown read-only. Which steps are allowed is the service's
 * own pure rule (`allowedActions`), so the screen never offers a step the API would refuse.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { allowedActions, type RoundAction, type RoundStatus } from '@domain/reviews/domain/round-state';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Space, Steps, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  decideRound, downloadResultsTemplate, downloadXlsForm, getRound, listResults, recordMeeting, recordOpinion, recordPosting, reportRound,
  startRound, type Round, type RoundResult,
} from '../../api/reviews';
import { useApiMutation } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { formatDate, formatNumber } from '../../format';
import { CLASS_COLOR, CLASS_LABEL, KIND_LABEL, STATUS_LABEL } from './labels';

const STEP_ORDER: RoundStatus[] = ['draft', 'surveying', 'meeting', 'posted', 'opinion', 'decided', 'reported'];
const STEP_TITLE: Record<RoundStatus, string> = {
  draft: 'Lập kế hoạch', surveying: 'Rà soát, điều tra', meeting: 'Họp thôn', posted: 'Niêm yết công khai',
  opinion: 'Ý kiến cấp huyện', decided: 'Quyết định công nhận', reported: 'Báo cáo',
};
const ACTION_LABEL: Record<RoundAction, string> = {
  start: 'Bắt đầu rà soát', meeting: 'Ghi kết quả họp thôn', post: 'Niêm yết danh sách', opinion: 'Ghi ý kiến cấp huyện',
  decide: 'Ra quyết định công nhận', report: 'Báo cáo lên cấp trên',
};

interface StepValues {
  date?: Dayjs;
  agreementPct?: number;
  attendees?: number;
  minutesRef?: string;
  end?: Dayjs;
  ref?: string;
  decisionNumber?: string;
}

const iso = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

export default function RoundPage() {
  const id = Number(useParams().id);
  const { user } = useCurrentUser();
  const qc = useQueryClient();
  const round = useQuery({ queryKey: ['review-round', id], queryFn: () => getRound(id) });
  const [page, setPage] = useState(1);
  const results = useQuery({ queryKey: ['review-results', id, page], queryFn: ({ signal }) => listResults(id, { page, pageSize: 20 }, signal) });
  const [action, setAction] = useState<RoundAction | null>(null);
  const [form] = Form.useForm<StepValues>();
  const r = round.data;

  const step = useApiMutation({
    mutationFn: (v: StepValues) => send(r!, action!, v),
    form,
    onReload: () => round.refetch(),
    fieldName: (f) => [f === 'decisionDate' || f === 'start' ? 'date' : f],
    success: (x: Round) => `Đã chuyển sang bước: ${STATUS_LABEL[x.status as RoundStatus] ?? x.status}`,
    onSuccess: async () => {
      setAction(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['review-round', id] });
      await qc.invalidateQueries({ queryKey: ['review-rounds'] });
    },
  });

  if (!r) return <Card loading={round.isLoading} title="Đợt rà soát" />;
  const status = r.status as RoundStatus;
  const frozen = status === 'decided' || status === 'reported';
  const canWrite = user.role === 'commune' || user.role === 'admin';
  const actions = canWrite ? allowedActions({ kind: r.kind, status, opinionRequired: Boolean(r.opinionRequired) }) : [];
  // re-posting after a complaint is offered beside the main step, never instead of it
  const next = actions.find((a) => a !== 'post' || status !== 'posted');
  const steps = STEP_ORDER.filter((s) => s !== 'opinion' || r.opinionRequired);
  const current = steps.indexOf(status);

  const columns = [
    { title: 'Mã hộ', dataIndex: 'householdCode', width: 110 },
    { title: 'Chủ hộ', dataIndex: 'headName' },
    { title: 'Điểm B1', dataIndex: 'b1Score', align: 'right' as const, width: 90, render: (v: number | null) => formatNumber(v) },
    { title: 'Thu nhập (đồng/người/tháng)', dataIndex: 'incomePerCapita', align: 'right' as const, width: 150, render: (v: number | null) => formatNumber(v) },
    { title: 'Số chỉ số thiếu hụt', dataIndex: 'deprivationCount', align: 'right' as const, width: 110 },
    {
      title: 'Phân loại', dataIndex: 'decidedClass', width: 230,
      render: (c: string) => <Tag color={CLASS_COLOR[c]}>{CLASS_LABEL[c] ?? c}</Tag>,
    },
    { title: 'Giải thích (bấm + để xem đủ)', dataIndex: 'explanation', ellipsis: true },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`Đợt rà soát ${KIND_LABEL[r.kind].toLowerCase()} năm ${r.year} — ${r.communeName ?? `xã ${r.communeCode}`}`}
        extra={next && !frozen && <Button type="primary" onClick={() => setAction(next)}>{ACTION_LABEL[next]}</Button>}
      >
        {frozen && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message="Đã quyết định – chỉ xem"
            description={`Quyết định số ${r.decisionNumber ?? '—'} ngày ${formatDate(r.decisionDate as string)}. Kết quả của đợt đã được chốt, không sửa được.`} />
        )}
        <Steps size="small" current={current} status={current < 0 ? 'error' : frozen ? 'finish' : 'process'} style={{ marginBottom: 16 }}
          items={steps.map((s) => ({ title: STEP_TITLE[s] }))} />
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label="Trạng thái">{STATUS_LABEL[status] ?? status}</Descriptions.Item>
          <Descriptions.Item label="Danh sách năm">{r.listYear}</Descriptions.Item>
          <Descriptions.Item label="Chuẩn áp dụng">{r.standardCode ? String(r.standardCode) : '—'}</Descriptions.Item>
          <Descriptions.Item label="Ngày bắt đầu">{formatDate(r.startedOn as string)}</Descriptions.Item>
          <Descriptions.Item label="Họp thôn">
            {r.meetingDate ? `${formatDate(r.meetingDate as string)}, ${formatNumber(r.meetingAgreementPct as number)} % đồng ý` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Niêm yết">
            {r.postingStart ? `${formatDate(r.postingStart as string)} → ${formatDate(r.postingEnd as string)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="Hạn quyết định">{formatDate(r.decideBy as string)}</Descriptions.Item>
        </Descriptions>
        {status === 'posted' && canWrite && actions.includes('post') && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            Có khiếu nại và đã phúc tra? <Button type="link" style={{ padding: 0 }} onClick={() => setAction('post')}>Niêm yết lại</Button>
          </Typography.Paragraph>
        )}
      </Card>

      <Card
        title="Kết quả rà soát theo hộ"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => downloadResultsTemplate(id)}>Tải mẫu nhập kết quả (Excel)</Button>
            <Button icon={<DownloadOutlined />} onClick={() => downloadXlsForm(id)}>Tải biểu mẫu ODK/Kobo (XLSForm)</Button>
          </Space>
        }
      >
        <Table<RoundResult>
          rowKey="householdId" size="small" loading={results.isLoading} dataSource={results.data?.items ?? []} columns={columns}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (x) => <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{String(x.explanation ?? '')}</Typography.Paragraph> }}
          pagination={{ current: page, pageSize: 20, total: results.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `${formatNumber(t)} hộ` }}
          locale={{ emptyText: 'Chưa có kết quả rà soát nào' }}
        />
      </Card>

      <Modal open={action !== null} title={action ? ACTION_LABEL[action] : ''} okText="Ghi nhận" cancelText="Hủy"
        confirmLoading={step.isPending} onCancel={() => setAction(null)} onOk={async () => step.mutate(await form.validateFields())} destroyOnHidden>
        <Form form={form} layout="vertical">
          {action && <StepFields action={action} />}
        </Form>
      </Modal>
    </Space>
  );
}

function StepFields({ action }: { action: RoundAction }) {
  const date = (label: string, required = true) => (
    <Form.Item name="date" label={label} rules={required ? [{ required: true, message: `Chọn ${label.toLowerCase()}` }] : []}>
      <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
    </Form.Item>
  );
  switch (action) {
    case 'start': return date('Ngày bắt đầu', false);
    case 'meeting':
      return (
        <>
          {date('Ngày họp')}
          <Form.Item name="agreementPct" label="Tỷ lệ đồng ý (%)" extra="Dưới 50 % thì đợt quay lại bước rà soát, điều tra và phải họp lại."
            rules={[{ required: true, message: 'Nhập tỷ lệ đồng ý' }]}>
            <InputNumber min={0} max={100} precision={2} decimalSeparator="," style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="attendees" label="Số người dự họp"><InputNumber min={1} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="minutesRef" label="Số biên bản"><Input /></Form.Item>
        </>
      );
    case 'post':
      return (
        <>
          {date('Ngày bắt đầu niêm yết')}
          <Form.Item name="end" label="Ngày kết thúc niêm yết" extra="Để trống: 3 ngày làm việc kể từ ngày bắt đầu.">
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
          </Form.Item>
        </>
      );
    case 'opinion':
      return (
        <>
          {date('Ngày có ý kiến')}
          <Form.Item name="ref" label="Số văn bản" rules={[{ required: true, message: 'Nhập số văn bản' }]}><Input /></Form.Item>
        </>
      );
    case 'decide':
      return (
        <>
          <Form.Item name="decisionNumber" label="Số quyết định" rules={[{ required: true, message: 'Nhập số quyết định' }]}>
            <Input placeholder="125/QĐ-UBND" />
          </Form.Item>
          {date('Ngày quyết định')}
        </>
      );
    case 'report': return <Typography.Paragraph>Gửi kết quả đợt rà soát đã quyết định lên cấp trên tổng hợp.</Typography.Paragraph>;
  }
}

function send(r: Round, action: RoundAction, v: StepValues): Promise<Round> {
  const version = r.version;
  switch (action) {
    case 'start': return startRound(r.id, { version, date: iso(v.date) });
    case 'meeting': return recordMeeting(r.id, { version, date: iso(v.date)!, agreementPct: v.agreementPct!, attendees: v.attendees, minutesRef: v.minutesRef || undefined });
    case 'post': return recordPosting(r.id, { version, start: iso(v.date)!, end: iso(v.end) });
    case 'opinion': return recordOpinion(r.id, { version, date: iso(v.date)!, ref: v.ref! });
    case 'decide': return decideRound(r.id, { version, decisionNumber: v.decisionNumber!, decisionDate: iso(v.date)! });
    case 'report': return reportRound(r.id, { version });
  }
}
