import { QueryFailedError } from 'typeorm';
import { ErrorFilter, isDatabaseUnavailable } from './error.filter';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each<[string, unknown, boolean]>([
    ['ECONNREFUSED', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), true],
    ['57P01 admin_shutdown wrapped by TypeORM', wrapped(pgError('57P01')), true],
    ['57P03 cannot_connect_now', pgError('57P03'), true],
    ['Connection terminated unexpectedly', new Error('Connection terminated unexpectedly'), true],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), true],
    ['AggregateError of a dual-stack connect', Object.assign(new Error(''), { errors: [pgError('ECONNREFUSED')] }), true],
    ['unique violation', wrapped(pgError('23505')), false],
    ['plain error', new Error('boom'), false],
    ['undefined', undefined, false],
  ])('%s → %s', (_name, err, expected) => {
    expect(isDatabaseUnavailable(err)).toBe(expected);
  });

  it('the filter answers 503 DATABASE_UNAVAILABLE with a Vietnamese message', () => {
    expect(new ErrorFilter().toBody(pgError('ECONNREFUSED'))).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE_UNAVAILABLE', details: [] });
  });
});
