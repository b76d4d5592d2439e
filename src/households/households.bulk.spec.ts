import { pgArray, searchText } from './households.bulk';

describe('bulk insert helpers', () => {
  it.each([
    [[], '{}'],
    [[1, 2, null], '{1,2,NULL}'],
    [[true, false, undefined], '{t,f,NULL}'],
    [['Ma Văn A', ''], '{"Ma Văn A",""}'],
    [['NULL', 'a,b', '{x}'], '{"NULL","a,b","{x}"}'],
    [['say "hi"', 'a\\b'], '{"say \\"hi\\"","a\\\\b"}'],
    [['2022-01-05', 'male', 'Tày'], '{2022-01-05,male,Tày}'],
    [['null', 'a b'], '{"null","a b"}'],
  ])('pgArray(%j) = %s', (values, literal) => expect(pgArray(values)).toBe(literal));

  it('searches the folded head name and code', () => expect(searchText('Nguyễn Thị Hóa', 'H-01Đ')).toBe('nguyen thi hoa h-01d'));
});
