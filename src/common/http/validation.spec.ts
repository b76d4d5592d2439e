import { constraintMessage } from './validation';

describe('constraintMessage: class-validator constraints in Vietnamese', () => {
  it.each([
    ['isInt', 'version must be an integer number', 'phải là số nguyên'],
    ['min', 'version must not be less than 1', 'không được nhỏ hơn 1'],
    ['max', 'version must not be greater than 2147483647', 'không được lớn hơn 2147483647'],
    ['isLength', 'name must be longer than or equal to 1 characters', 'phải có ít nhất 1 ký tự'],
    ['isLength', 'name must be shorter than or equal to 500 characters', 'tối đa 500 ký tự'],
    ['maxLength', 'note must be shorter than or equal to 2000 characters', 'tối đa 2000 ký tự'],
    ['isIn', 'status must be one of the following values: pending, in_round', 'phải là một trong các giá trị: pending, in_round'],
    ['arrayMaxSize', 'members must contain no more than 50 elements', 'tối đa 50 phần tử'],
    ['arrayMinSize', 'successors must contain at least 1 elements', 'phải có ít nhất 1 phần tử'],
    ['isDateIn', 'decisionDate must be a date YYYY-MM-DD between 2000-01-01 and 2100-12-31', 'phải là ngày hợp lệ dạng YYYY-MM-DD, từ 2000-01-01 đến 2100-12-31'],
    ['isIso8601', 'date must be a valid ISO 8601 date string', 'phải là ngày hợp lệ dạng YYYY-MM-DD'],
    ['whitelistValidation', 'property foo should not exist', 'trường này không được phép'],
    ['isString', 'name must be a string', 'phải là chuỗi ký tự'],
    ['matches', 'code must match /^[A-Z]+$/ regular expression', 'không đúng định dạng'],
    ['someNewConstraint', 'x must be shiny', 'không hợp lệ'],
    // a message the DTO wrote in Vietnamese is kept
    ['matches', 'Mã đơn vị gồm 2, 3 hoặc 5 chữ số', 'Mã đơn vị gồm 2, 3 hoặc 5 chữ số'],
  ])('%s: %j → %j', (constraint, english, vi) => expect(constraintMessage(constraint, english)).toBe(vi));
});
