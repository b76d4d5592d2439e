/** The officer's commune's review rounds, with creating one (year, kind). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useApiMutation } from '../../app/errors';
import { createRound, listRounds, type Round, type RoundInput } from '../../api/reviews';
import { useCurrentUser } from '../../auth/session';

const STATUS_LABEL: Record<string, string> = {
  draft: 'Dự thảo', surveying: 'Đang điều tra', meeting: 'Đã họp thôn', posted: 'Đang niêm yết',
  opinion: 'Đã có ý kiến cấp huyện', decided: 'Đã quyết định', reported: 'Đã báo cáo',
};
const KIND_LABEL: Record<string, string> = { periodic: 'Định kỳ', regular: 'Thường xuyên', baseline: 'Số liệu ban đầu' };

export default function RoundList() {
  const { user } = useCurrentUser();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Pick<RoundInput, 'year' | 'kind'>>();
  const rounds = useQuery({ queryKey: ['review-rounds'], queryFn: ({ signal }) => listRounds({ pageSize: 50 }, signal) });
  const create = useApiMutation({
    mutationFn: (v: Pick<RoundInput, 'year' | 'kind'>) => createRound({ communeCode: user.unitCode!, year: v.year, kind: v.kind }),
    form,
    success: 'Đã tạo đợt rà soát',
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['review-rounds'] });
    },
  });
  const columns = [
    { title: 'Xã', dataIndex: 'communeCode' },
    { title: 'Năm', dataIndex: 'year' },
    { title: 'Loại', dataIndex: 'kind', render: (k: string) => KIND_LABEL[k] ?? k },
    { title: 'Trạng thái', dataIndex: 'status', render: (st: string) => STATUS_LABEL[st] ?? st },
  ];
  const submit = async () => create.mutate(await form.validateFields());
  return (
    <Card title="Đợt rà soát" extra={user.role === 'commune' && <Button type="primary" onClick={() => setOpen(true)}>Tạo đợt rà soát</Button>}>
      <Table<Round> rowKey="id" loading={rounds.isLoading} dataSource={rounds.data?.items ?? []} columns={columns} pagination={false} />
      <Modal open={open} title="Tạo đợt rà soát" okText="Tạo" cancelText="Hủy" onOk={submit} confirmLoading={create.isPending} onCancel={() => setOpen(false)}>
        <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), kind: 'periodic' }}>
          <Form.Item name="year" label="Năm rà soát" rules={[{ required: true, message: 'Nhập năm rà soát' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="kind" label="Loại đợt" rules={[{ required: true, message: 'Chọn loại đợt' }]}>
            <Select options={[{ value: 'periodic', label: 'Định kỳ' }, { value: 'regular', label: 'Thường xuyên' }]} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
