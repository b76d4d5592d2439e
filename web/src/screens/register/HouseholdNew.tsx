import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, DatePicker, Divider, Form, Input, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { createHousehold } from '../../api/households';
import { useApiMutation } from '../../app/errors';
import { useCurrentUser } from '../../auth/session';
import { PERSON_DEFAULTS, PersonFields, toPerson, type PersonValues } from './PersonFields';
import { useChildUnits } from './useUnits';

interface Values {
  code?: string;
  villageCode?: string;
  address?: string;
  registeredOn?: Dayjs;
  meritorious?: boolean;
  head: PersonValues;
  members?: PersonValues[];
}

/** /ho-gia-dinh/them: a new household of the officer's commune, with its head and members. */
export default function HouseholdNew() {
  const { user, unit } = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const villages = useChildUnits(user.unitCode, 'village');
  const save = useApiMutation({
    mutationFn: (v: Values) =>
      createHousehold({
        communeCode: user.unitCode!,
        code: v.code?.trim() || undefined,
        villageCode: v.villageCode ?? null,
        address: v.address?.trim() || null,
        registeredOn: v.registeredOn?.format('YYYY-MM-DD'),
        meritorious: !!v.meritorious,
        head: toPerson(v.head),
        members: (v.members ?? []).map((m) => toPerson(m) as ReturnType<typeof toPerson> & { relation: NonNullable<PersonValues['relation']> }),
      }),
    form,
    success: (h) => `Đã thêm hộ ${h.code} — ${h.head.fullName}`,
    onSuccess: (h) => {
      qc.invalidateQueries({ queryKey: ['households'] });
      navigate(`/ho-gia-dinh/${h.id}`);
    },
  });

  return (
    <Card title={`Thêm hộ gia đình — ${unit?.name ?? ''}`}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        initialValues={{ registeredOn: dayjs(), head: PERSON_DEFAULTS, members: [] }}
      >
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item label="Mã hộ" name="code" extra="Để trống: tự cấp mã (H00001…)" rules={[{ max: 32, message: 'Tối đa 32 ký tự' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label="Thôn, tổ dân phố" name="villageCode" rules={[{ required: true, message: 'Chọn thôn, tổ dân phố' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={villages.data} loading={villages.isLoading} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label="Địa chỉ" name="address" rules={[{ max: 300, message: 'Tối đa 300 ký tự' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label="Ngày vào sổ" name="registeredOn">
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="meritorious" valuePropName="checked">
              <Checkbox>Hộ gia đình người có công với cách mạng</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">Chủ hộ</Divider>
        <PersonFields name={['head']} who="chủ hộ" />
        <Divider titlePlacement="start">Các thành viên khác</Divider>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`Thành viên ${i + 1}`}
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)}>
                      Bỏ thành viên này
                    </Button>
                  }
                >
                  <PersonFields name={[f.name]} relation who={`thành viên ${i + 1}`} />
                </Card>
              ))}
              {!fields.length && <Typography.Paragraph type="secondary">Hộ chỉ có chủ hộ. Bấm "Thêm thành viên" để ghi vợ/chồng, con…</Typography.Paragraph>}
              <Button icon={<PlusOutlined />} onClick={() => add({ ...PERSON_DEFAULTS, relation: 'child' })}>
                Thêm thành viên
              </Button>
            </>
          )}
        </Form.List>
        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            Lưu hộ
          </Button>
          <Button onClick={() => navigate('/ho-gia-dinh')}>Hủy</Button>
        </Space>
      </Form>
    </Card>
  );
}
