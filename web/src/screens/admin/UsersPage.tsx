import { PlusOutlined } from '@ant-design/icons';
import type { Role } from '@domain/auth/auth-user';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Dropdown, Form, Input, Modal, Row, Select, Space, Table, Tag, type MenuProps } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { createUser, listUsers, updateUser, type UserView } from '../../api/users';
import type { UnitLevel } from '../../api/units';
import { useApiError, useApiMutation } from '../../app/errors';
import { ROLE_LABEL } from '../../auth/session';
import { formatDateTime, formatInt } from '../../format';
import { UnitPicker } from './UnitPicker';

const ROLE_OPTIONS = (Object.keys(ROLE_LABEL) as Role[]).map((r) => ({ value: r, label: ROLE_LABEL[r] }));
/** The level of the unit each role works in (admins have none). */
const LEVEL_OF: Record<Role, UnitLevel | undefined> = { admin: undefined, province: 'province', district: 'district', commune: 'commune' };
const PASSWORD_RULES = [{ required: true, message: 'Nhập mật khẩu' }, { min: 10, message: 'Ít nhất 10 ký tự' }];

interface CreateValues {
  username: string;
  fullName?: string;
  password: string;
  role: Role;
  unitCode?: string | null;
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const qc = useQueryClient();
  const role = Form.useWatch('role', form);
  const save = useApiMutation({
    mutationFn: (v: CreateValues) => createUser({ ...v, username: v.username.trim(), fullName: v.fullName?.trim() || undefined, unitCode: v.role === 'admin' ? null : v.unitCode }),
    form,
    success: (u) => `Đã tạo tài khoản ${u.username}`,
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['users'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} title="Tạo tài khoản" okText="Tạo tài khoản" cancelText="Hủy" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      <Form<CreateValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ role: 'commune' }}>
        <Form.Item
          label="Tên đăng nhập"
          name="username"
          extra="Chữ không dấu, số và . _ - (ví dụ canbo.vinhloc)"
          rules={[{ required: true, message: 'Nhập tên đăng nhập' }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/, message: '2–64 ký tự: chữ không dấu, số và . _ -' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="Họ và tên" name="fullName">
          <Input />
        </Form.Item>
        <Form.Item label="Mật khẩu ban đầu" name="password" extra="Ít nhất 10 ký tự, không chứa tên đăng nhập" rules={PASSWORD_RULES}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="Vai trò" name="role" rules={[{ required: true, message: 'Chọn vai trò' }]}>
          <Select options={ROLE_OPTIONS} onChange={() => form.setFieldValue('unitCode', null)} />
        </Form.Item>
        {role !== 'admin' && (
          <Form.Item label="Đơn vị công tác" name="unitCode" rules={[{ required: true, message: 'Chọn đơn vị công tác' }]}>
            <UnitPicker level={role ? LEVEL_OF[role] : undefined} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type Action = { kind: 'scope' | 'password'; user: UserView } | null;

function ActionModal({ action, onClose }: { action: Action; onClose: () => void }) {
  const [form] = Form.useForm<{ role: Role; unitCode?: string | null; password?: string }>();
  const qc = useQueryClient();
  const role = Form.useWatch('role', form);
  const u = action?.user;
  const save = useApiMutation({
    mutationFn: (v: { role: Role; unitCode?: string | null; password?: string }) =>
      updateUser(u!.id, action!.kind === 'scope' ? { version: u!.version, role: v.role, unitCode: v.role === 'admin' ? null : v.unitCode } : { version: u!.version, password: v.password }),
    form,
    onReload: () => {
      qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    success: action?.kind === 'scope' ? 'Đã đổi phạm vi' : 'Đã đặt lại mật khẩu; các phiên đăng nhập của tài khoản này đã kết thúc',
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  return (
    <Modal
      open={!!action}
      title={action?.kind === 'scope' ? `Đổi vai trò, đơn vị: ${u?.username}` : `Đặt lại mật khẩu: ${u?.username}`}
      okText="Lưu"
      cancelText="Hủy"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ role: u?.role, unitCode: u?.unitCode }}>
        {action?.kind === 'scope' ? (
          <>
            <Form.Item label="Vai trò" name="role" rules={[{ required: true, message: 'Chọn vai trò' }]}>
              <Select options={ROLE_OPTIONS} onChange={() => form.setFieldValue('unitCode', null)} />
            </Form.Item>
            {role !== 'admin' && (
              <Form.Item label="Đơn vị công tác" name="unitCode" rules={[{ required: true, message: 'Chọn đơn vị công tác' }]}>
                <UnitPicker level={role ? LEVEL_OF[role] : undefined} />
              </Form.Item>
            )}
          </>
        ) : (
          <Form.Item label="Mật khẩu mới" name="password" extra="Ít nhất 10 ký tự, không chứa tên đăng nhập" rules={PASSWORD_RULES}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** /quan-tri/nguoi-dung: accounts, with create, disable/enable, re-scope, password reset and unlock. */
export default function UsersPage() {
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const onError = useApiError();
  const { message, modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [action, setAction] = useState<Action>(null);
  const query = {
    q: params.get('q') ?? undefined,
    role: (params.get('role') as Role) ?? undefined,
    disabled: (params.get('disabled') as 'true' | 'false') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: 20,
  };
  const set = (k: string, v?: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set(k, v);
      else n.delete(k);
      if (k !== 'page') n.delete('page');
      return n;
    });
  const list = useQuery({ queryKey: ['users', query], queryFn: () => listUsers(query), placeholderData: keepPreviousData });

  const quick = async (u: UserView, body: { disabled?: boolean; unlock?: true }, done: string) => {
    try {
      await updateUser(u.id, { version: u.version, ...body });
      message.success(done);
      qc.invalidateQueries({ queryKey: ['users'] });
    } catch (err) {
      onError(err, { onReload: () => qc.invalidateQueries({ queryKey: ['users'] }) });
    }
  };

  const menu = (u: UserView): MenuProps['items'] => [
    { key: 'scope', label: 'Đổi vai trò, đơn vị', onClick: () => setAction({ kind: 'scope', user: u }) },
    { key: 'password', label: 'Đặt lại mật khẩu', onClick: () => setAction({ kind: 'password', user: u }) },
    ...(u.locked ? [{ key: 'unlock', label: 'Mở khóa', onClick: () => quick(u, { unlock: true }, `Đã mở khóa ${u.username}`) }] : []),
    { type: 'divider' as const },
    u.disabled
      ? { key: 'enable', label: 'Kích hoạt lại', onClick: () => quick(u, { disabled: false }, `Đã kích hoạt ${u.username}`) }
      : {
          key: 'disable',
          label: 'Vô hiệu hóa',
          danger: true,
          onClick: () =>
            modal.confirm({
              title: `Vô hiệu hóa tài khoản ${u.username}?`,
              content: 'Người này sẽ bị đăng xuất ngay và không đăng nhập được nữa cho tới khi được kích hoạt lại.',
              okText: 'Vô hiệu hóa',
              okButtonProps: { danger: true },
              cancelText: 'Hủy',
              onOk: () => quick(u, { disabled: true }, `Đã vô hiệu hóa ${u.username}`),
            }),
        },
  ];

  return (
    <Card
      title="Người dùng"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          Tạo tài khoản
        </Button>
      }
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={10}>
          <Input.Search allowClear placeholder="Tên đăng nhập hoặc họ tên" aria-label="Tìm người dùng" defaultValue={query.q} onSearch={(v) => set('q', v.trim())} />
        </Col>
        <Col xs={12} md={7}>
          <Select allowClear placeholder="Vai trò" aria-label="Vai trò" style={{ width: '100%' }} options={ROLE_OPTIONS} value={query.role} onChange={(v) => set('role', v)} />
        </Col>
        <Col xs={12} md={7}>
          <Select
            allowClear
            placeholder="Tình trạng"
            aria-label="Tình trạng"
            style={{ width: '100%' }}
            options={[{ value: 'false', label: 'Đang hoạt động' }, { value: 'true', label: 'Đã vô hiệu hóa' }]}
            value={query.disabled}
            onChange={(v) => set('disabled', v)}
          />
        </Col>
      </Row>
      <Table<UserView>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        scroll={{ x: 900 }}
        onChange={(p) => set('page', String(p.current))}
        pagination={{ current: query.page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (t) => `${formatInt(t)} tài khoản` }}
        columns={[
          { title: 'Tên đăng nhập', dataIndex: 'username', width: 150 },
          { title: 'Họ và tên', dataIndex: 'fullName', render: (v) => v ?? '—' },
          { title: 'Vai trò', dataIndex: 'role', width: 130, render: (r: Role) => ROLE_LABEL[r] },
          { title: 'Đơn vị', dataIndex: 'unitName', width: 190, render: (v, u) => v ?? u.unitCode ?? '—' },
          {
            title: 'Tình trạng',
            key: 'state',
            width: 150,
            render: (_, u) => (
              <Space size={4} wrap>
                {u.disabled ? <Tag color="red">Đã vô hiệu hóa</Tag> : <Tag color="green">Hoạt động</Tag>}
                {u.locked && <Tag color="orange">Đang bị khóa</Tag>}
              </Space>
            ),
          },
          { title: 'Đăng nhập gần nhất', dataIndex: 'lastLoginAt', width: 160, render: formatDateTime },
          {
            title: '',
            key: 'actions',
            width: 110,
            render: (_, u) => (
              <Dropdown menu={{ items: menu(u) }} trigger={['click']}>
                <Button size="small" aria-label={`Thao tác với ${u.username}`}>
                  Thao tác
                </Button>
              </Dropdown>
            ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <ActionModal action={action} onClose={() => setAction(null)} />
    </Card>
  );
}
