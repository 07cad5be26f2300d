import { ConnectionPolicyError, describeFailure } from './external-sql.service';

describe('describeFailure', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it('names the category, never the driver text (which can hold the password)', () => {
    const secret = 'p4ss';
    const cases: [unknown, RegExp][] = [
      [
        withCode(`password authentication failed for user "${secret}"`, '28P01'),
        /^authentication failed/,
      ],
      [withCode(`role "${secret}" does not exist`, '28000'), /^authentication failed/],
      [withCode(`database "${secret}" does not exist`, '3D000'), /database does not exist/],
      [
        withCode(`connect ECONNREFUSED 10.0.0.1:${secret}`, 'ECONNREFUSED'),
        /^unreachable: connection refused/,
      ],
      [
        withCode(`getaddrinfo ENOTFOUND ${secret}.example`, 'ENOTFOUND'),
        /^unreachable: .*resolved/,
      ],
      [new Error(`timeout expired ${secret}`), /^timeout/],
      [withCode(`unable to verify ${secret}`, 'ERR_TLS_CERT_ALTNAME_INVALID'), /^TLS/],
      [withCode(`too many ${secret}`, '53300'), /too many connections/],
      [withCode(`odd ${secret}`, '42501'), /SQLSTATE 42501/],
      [withCode(`odd ${secret}`, 'EWHATEVER'), /^the connection failed \(EWHATEVER\)$/],
      [{ message: secret }, /^the connection failed$/],
      [secret, /^the connection failed$/],
    ];
    for (const [e, expected] of cases) {
      const text = describeFailure(e);
      expect(text).toMatch(expected);
      expect(text).not.toContain(secret);
    }
  });

  it('uses the code of an inner error of a message-less AggregateError', () => {
    const e = new AggregateError(
      [withCode('connect ECONNREFUSED ::1:5', 'ECONNREFUSED'), new Error('other')],
      '',
    );
    expect(describeFailure(e)).toMatch(/^unreachable: connection refused/);
  });

  it('passes a policy refusal through as it is', () => {
    expect(describeFailure(new ConnectionPolicyError('host "x" is not allowed'))).toBe(
      'host "x" is not allowed',
    );
  });
});
