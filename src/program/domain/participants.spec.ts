import { Participants, participantProblems } from './participants';

const p = (total: number, women: number, ethnicMinority: number, officials: number, residents: number): Participants =>
  ({ total, women, ethnicMinority, officials, residents });

describe('participants: parts ≤ total', () => {
  it.each<[string, Participants, string[]]>([
    ['all zero', p(0, 0, 0, 0, 0), []],
    ['consistent', p(115, 52, 86, 115, 0), []],
    ['officials and residents fill the total', p(40, 40, 40, 10, 30), []],
    ['women above total', p(10, 11, 0, 0, 0), ['participants.women']],
    ['ethnic minority above total', p(10, 0, 12, 0, 0), ['participants.ethnicMinority']],
    ['officials above total', p(10, 0, 0, 11, 0), ['participants.officials']],
    ['officials + residents above total', p(10, 0, 0, 6, 5), ['participants.residents']],
    ['several at once', p(5, 6, 7, 0, 0), ['participants.women', 'participants.ethnicMinority']],
    ['negative', p(5, -1, 0, 0, 0), ['participants.women']],
    ['fraction', p(5.5, 0, 0, 0, 0), ['participants.total']],
  ])('%s', (_n, input, fields) => {
    expect(participantProblems(input).map((x) => x.field)).toEqual(fields);
  });

  it('explains in Vietnamese', () => {
    expect(participantProblems(p(10, 11, 0, 0, 0))[0].message).toBe('Số nữ (11) lớn hơn tổng số người tham dự (10)');
  });
});
