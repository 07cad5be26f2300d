import { describeFailure, scrubSecret } from './external-sql.service';

describe('scrubSecret', () => {
  it('replaces every occurrence of the secret, plain and URL-encoded', () => {
    expect(scrubSecret('a p@ss b p@ss c p%40ss', 'p@ss')).toBe(
      'a [redacted] b [redacted] c [redacted]',
    );
  });

  it('leaves the text alone when there is no secret', () => {
    expect(scrubSecret('role "x" does not exist', null)).toBe('role "x" does not exist');
    expect(scrubSecret('role "x" does not exist', '')).toBe('role "x" does not exist');
  });
});

describe('describeFailure', () => {
  it('appends an error code the message does not already carry', () => {
    const e = Object.assign(new Error('database "x" does not exist'), { code: '3D000' });
    expect(describeFailure(e)).toBe('database "x" does not exist (3D000)');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(describeFailure(refused)).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it('uses the first inner error of a message-less AggregateError', () => {
    const e = new AggregateError([new Error('connect ECONNREFUSED ::1:5'), new Error('other')], '');
    expect(describeFailure(Object.assign(e, { code: 'ECONNREFUSED' }))).toBe(
      'connect ECONNREFUSED ::1:5',
    );
  });

  it('accepts error-like objects from another realm and plain values', () => {
    expect(describeFailure({ message: 'boom' })).toBe('boom');
    expect(describeFailure('text')).toBe('text');
  });
});
