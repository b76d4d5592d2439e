import { useQuery } from '@tanstack/react-query';
import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { listEthnicGroups, type MemberInput, type PersonInput } from '../../api/households';
import { DISABILITY_OPTIONS, EDUCATION_OPTIONS, EMPLOYMENT_OPTIONS, RELATION_OPTIONS, SEX_OPTIONS } from './labels';

/** What the person fields hold in a form (the birth date as a dayjs). */
export type PersonValues = Omit<PersonInput, 'birthDate'> & { birthDate?: Dayjs | null; relation?: MemberInput['relation'] };

export function useEthnicOptions() {
  return useQuery({
    queryKey: ['ethnic-groups'],
    queryFn: listEthnicGroups,
    staleTime: Infinity,
    select: (p) => p.items.map((g) => ({ value: g.code, label: g.name })),
  });
}

/** Form values → the API's person: the date as YYYY-MM-DD, empty texts as null. */
export function toPerson(v: PersonValues): PersonInput & { relation?: MemberInput['relation'] } {
  const { birthDate, idNumber, ...rest } = v;
  return {
    ...rest,
    fullName: v.fullName.trim(),
    birthDate: birthDate ? birthDate.format('YYYY-MM-DD') : null,
    birthYear: birthDate ? birthDate.year() : (v.birthYear ?? null),
    idNumber: idNumber?.trim() ? idNumber.trim() : null,
  };
}

export const PERSON_DEFAULTS: Partial<PersonValues> = { sex: 'male', ethnicity: '01', healthInsurance: true, disability: 'none' };

const thisYear = new Date().getFullYear();

/**
 * The fields of one person (head or member). `name` is the Form.List path prefix ([] for a
 * top-level person, ['head'], or [field.name] inside Form.List); `label` prefixes the messages.
 */
export function PersonFields({ name, relation, who }: { name: (string | number)[]; relation?: boolean; who: string }) {
  const ethnic = useEthnicOptions();
  const n = (k: string) => [...name, k];
  return (
    <Row gutter={12}>
      <Col xs={24} md={relation ? 8 : 12}>
        <Form.Item label="Họ và tên" name={n('fullName')} rules={[{ required: true, whitespace: true, message: `Nhập họ và tên ${who}` }, { max: 120, message: 'Tối đa 120 ký tự' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Col>
      {relation && (
        <Col xs={12} md={4}>
          <Form.Item label="Quan hệ với chủ hộ" name={n('relation')} rules={[{ required: true, message: 'Chọn quan hệ với chủ hộ' }]}>
            <Select options={RELATION_OPTIONS} />
          </Form.Item>
        </Col>
      )}
      <Col xs={12} md={4}>
        <Form.Item label="Giới tính" name={n('sex')} rules={[{ required: true, message: 'Chọn giới tính' }]}>
          <Select options={SEX_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item
          label="Năm sinh"
          name={n('birthYear')}
          dependencies={[n('birthDate')]}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v || getFieldValue(n('birthDate')) ? Promise.resolve() : Promise.reject(new Error(`Nhập năm sinh hoặc ngày sinh của ${who}`)),
            }),
          ]}
        >
          <InputNumber min={1900} max={thisYear} style={{ width: '100%' }} controls={false} />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item label="Ngày sinh (nếu biết)" name={n('birthDate')}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} placeholder="dd/mm/yyyy" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="Dân tộc" name={n('ethnicity')} rules={[{ required: true, message: 'Chọn dân tộc' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={ethnic.data} loading={ethnic.isLoading} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          label="Số CCCD/CMND"
          name={n('idNumber')}
          rules={[{ pattern: /^\s*(\d{9}|\d{12})\s*$/, message: 'Số CCCD gồm 12 chữ số (CMND cũ: 9 chữ số)' }]}
        >
          <Input inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="Trình độ học vấn" name={n('educationLevel')}>
          <Select allowClear options={EDUCATION_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="Việc làm" name={n('employment')}>
          <Select allowClear options={EMPLOYMENT_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item label="Khuyết tật" name={n('disability')}>
          <Select options={DISABILITY_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={24} md={18}>
        <Form.Item label="Khác" style={{ marginBottom: 8 }}>
          <Row gutter={[12, 0]}>
            <Col>
              <Form.Item name={n('healthInsurance')} valuePropName="checked" noStyle>
                <Checkbox>Có thẻ BHYT</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name={n('inSchool')} valuePropName="checked" noStyle>
                <Checkbox>Đang đi học</Checkbox>
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name={n('malnourished')} valuePropName="checked" noStyle>
                <Checkbox>Trẻ suy dinh dưỡng</Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Form.Item>
      </Col>
    </Row>
  );
}
