import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, validationError } from '../errors/domain-error';

/**
 * The Vietnamese message of each class-validator constraint (the one place DTO messages are
 * written: DEVELOPING.md "Messages"). The figures (limits, allowed values) are taken from the
 * library's English text, which is not shown. A message a DTO wrote itself in Vietnamese is kept.
 */
const after = (english: string, re: RegExp) => english.match(re)?.[1] ?? '';
const MESSAGES: Record<string, (english: string) => string> = {
  isInt: () => 'phải là số nguyên',
  isNumber: () => 'phải là số',
  isPositive: () => 'phải là số dương',
  isString: () => 'phải là chuỗi ký tự',
  isBoolean: () => 'phải là true hoặc false',
  isArray: () => 'phải là một danh sách',
  isIn: (e) => `phải là một trong các giá trị: ${after(e, /values: (.*)$/)}`,
  isEnum: (e) => `phải là một trong các giá trị: ${after(e, /values: (.*)$/)}`,
  isListOf: (e) => `phải là một hoặc nhiều giá trị trong: ${after(e, /one or more of (.*), comma-separated/)} (cách nhau bằng dấu phẩy, chỉ gửi một lần)`,
  equals: (e) => `phải bằng ${after(e, /equal to (.*)$/)}`,
  min: (e) => `không được nhỏ hơn ${after(e, /less than (\S+)$/)}`,
  max: (e) => `không được lớn hơn ${after(e, /greater than (\S+)$/)}`,
  isLength: (e) => (/longer than/.test(e)
    ? `phải có ít nhất ${after(e, /or equal to (\d+)/)} ký tự`
    : `tối đa ${after(e, /or equal to (\d+)/)} ký tự`),
  minLength: (e) => `phải có ít nhất ${after(e, /or equal to (\d+)/)} ký tự`,
  maxLength: (e) => `tối đa ${after(e, /or equal to (\d+)/)} ký tự`,
  arrayMinSize: (e) => `phải có ít nhất ${after(e, /at least (\d+)/)} phần tử`,
  arrayMaxSize: (e) => `tối đa ${after(e, /no more than (\d+)/)} phần tử`,
  arrayUnique: () => 'không được có giá trị trùng nhau',
  matches: () => 'không đúng định dạng',
  isIso8601: () => 'phải là ngày hợp lệ dạng YYYY-MM-DD',
  isDateIn: (e) => `phải là ngày hợp lệ dạng YYYY-MM-DD, từ ${after(e, /between (\S+) and/)} đến ${after(e, /and (\S+)$/)}`,
  isCalendarDate: () => 'phải là ngày hợp lệ dạng YYYY-MM-DD, từ năm 1900 đến 2100',
  isDefined: () => 'bắt buộc',
  isNotEmpty: () => 'không được để trống',
  whitelistValidation: () => 'trường này không được phép',
  nestedValidation: () => 'phải là một đối tượng hoặc danh sách',
};

/** Whether a text is already Vietnamese (has a letter outside ASCII): a DTO's own message. */
const VIETNAMESE = /[À-ỹ]/;

export function constraintMessage(constraint: string, english: string): string {
  if (VIETNAMESE.test(english)) return english;
  return MESSAGES[constraint]?.(english) ?? 'không hợp lệ';
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [constraint, english] of Object.entries(e.constraints ?? {})) out.push({ field, message: constraintMessage(constraint, english) });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/** The global validation pipe: whitelist, unknown fields rejected, payloads transformed to DTOs. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationError(flatten(errors)),
  });
}
