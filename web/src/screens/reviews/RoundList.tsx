/** The officer's commune's review rounds, with creating one (year, kind). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApiMutation } from '../../app/errors';
import { createRound, listRounds, type Round, type RoundInput } from '../../api/reviews';
import { useCurrentUser } from '../../auth/session';
import { KIND_LABEL, STATUS_LABEL } from './labels';


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
    { title: 'Xã, phường, thị trấn', dataIndex: 'communeName', render: (n: string | undefined, r: Round) => n ?? r.communeCode },
    { title: 'Năm', dataIndex: 'year', render: (y: number, r: Round) => <Link to={`/ra-soat/${r.id}`}>Năm {y}</Link> },
    { title: 'Loại', dataIndex: 'kind', render: (k: Round['kind']) => KIND_LABEL[k] },
    { title: 'Trạng thái', dataIndex: 'status', render: (st: Round['status']) => STATUS_LABEL[st] },
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
