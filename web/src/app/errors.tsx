/**
 * The one way screens show API errors:
 * - the details of a VALIDATION error go beside the form fields they name (form.setFields);
 * - a 409 VERSION_CONFLICT opens a modal "someone else changed it" offering to reload — a save
 *   never silently overwrites;
 * - anything else is a notification with the API's (Vietnamese) message.
 * Use `useApiMutation` for saves, or `useApiError()` to handle a caught error yourself.
 */
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

export interface ApiErrorOptions {
  /** The form whose fields the error details name. */
  form?: FormInstance;
  /** Reloads the record after a VERSION_CONFLICT (the modal's "Tải lại" button). */
  onReload?: () => void;
  /** Maps an API field name to the form's name path (default: "members.0.fullName" → ['members', 0, 'fullName']). */
  fieldName?: (apiField: string) => (string | number)[] | undefined;
}

const TITLE: Record<number, string> = {
  0: 'Mất kết nối',
  400: 'Dữ liệu chưa hợp lệ',
  401: 'Chưa đăng nhập',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Không thực hiện được',
  413: 'Tệp quá lớn',
  415: 'Định dạng không được hỗ trợ',
  422: 'Không thực hiện được',
  423: 'Tài khoản đang bị khóa',
  429: 'Quá nhiều yêu cầu',
};

export function errorTitle(err: ApiError): string {
  return TITLE[err.status] ?? 'Đã có lỗi xảy ra';
}

export const VERSION_CONFLICT_MESSAGE =
  'Dữ liệu đã được người khác thay đổi sau khi bạn mở. Tải lại để xem bản mới nhất rồi sửa lại; thay đổi của bạn chưa được lưu.';

/** "members.0.fullName" → ['members', 0, 'fullName']. */
export function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Whether a form has a field registered at this name path. */
function hasField(form: FormInstance, path: (string | number)[]): boolean {
  let v: unknown = form.getFieldsValue(true);
  for (const p of path) {
    if (v === null || typeof v !== 'object' || !(p in (v as object))) return false;
    v = (v as Record<string | number, unknown>)[p];
  }
  return true;
}

/**
 * Puts the API error's details on the form's fields; returns the details no field took. Pure
 * apart from `form.setFields`, so it is tested on its own.
 */
export function applyToFields(err: ApiError, form: FormInstance, fieldName: ApiErrorOptions['fieldName'] = namePath) {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest = [];
  for (const d of err.details) {
    const name = d.field ? fieldName(d.field) : undefined;
    if (name && hasField(form, name)) {
      const key = JSON.stringify(name);
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(d.message);
      byField.set(key, entry);
    } else rest.push(d);
  }
  if (byField.size) form.setFields([...byField.values()]);
  return { applied: byField.size, rest };
}

/** A handler for any error of an API call, as described at the top of this file. */
export function useApiError() {
  const { notification, modal } = App.useApp();
  return useCallback(
    (error: unknown, opts: ApiErrorOptions = {}) => {
      if (!(error instanceof ApiError)) {
        notification.error({ message: 'Đã có lỗi xảy ra', description: String((error as Error)?.message ?? error) });
        return;
      }
      if (error.code === 'SESSION_CHANGED' || error.code === 'SIGNED_OUT') return;
      if (error.code === 'VERSION_CONFLICT') {
        modal.confirm({
          title: 'Dữ liệu đã được người khác thay đổi…',
          content: VERSION_CONFLICT_MESSAGE,
          okText: 'Tải lại',
          cancelText: 'Đóng',
          onOk: () => opts.onReload?.(),
        });
        return;
      }
      if (opts.form && error.details.length) {
        const { applied, rest } = applyToFields(error, opts.form, opts.fieldName);
        if (applied && !rest.length) {
          notification.warning({ message: errorTitle(error), description: 'Hãy sửa các ô được đánh dấu đỏ.' });
          return;
        }
        if (applied) {
          notification.error({ message: errorTitle(error), description: rest.map((d) => d.message).join('; ') });
          return;
        }
      }
      notification.error({ message: errorTitle(error), description: error.message });
    },
    [notification, modal],
  );
}

/**
 * useMutation with the app's error handling and an optional success message:
 *   const save = useApiMutation({ mutationFn: (v) => updateHousehold(id, v), form, onReload: refetch, success: 'Đã lưu' });
 */
export function useApiMutation<TData, TVars>(
  options: UseMutationOptions<TData, unknown, TVars> & ApiErrorOptions & { success?: string | ((data: TData) => string) },
) {
  const { message } = App.useApp();
  const onApiError = useApiError();
  const { form, onReload, fieldName, success, onError, onSuccess, ...rest } = options;
  return useMutation<TData, unknown, TVars>({
    ...rest,
    onSuccess: (data, vars, ctx, mctx) => {
      if (success) message.success(typeof success === 'function' ? success(data) : success);
      return onSuccess?.(data, vars, ctx, mctx);
    },
    onError: (err, vars, ctx, mctx) => {
      onApiError(err, { form, onReload, fieldName });
      return onError?.(err, vars, ctx, mctx);
    },
  });
}
