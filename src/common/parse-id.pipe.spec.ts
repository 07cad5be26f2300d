import { BadRequestException } from '@nestjs/common';
import { ParseIdPipe } from './parse-id.pipe';

const meta = { type: 'param' as const, data: 'space_id' };

describe('ParseIdPipe', () => {
  const pipe = new ParseIdPipe();

  it('parses a positive integer', () => {
    expect(pipe.transform('42', meta)).toBe(42);
    expect(pipe.transform('2147483647', meta)).toBe(2147483647);
  });

  it.each(['abc', '-1', '0', '1.5', '1e3', '', ' 7', '2147483648', '99999999999999999999'])(
    'rejects "%s" with a 400 naming the parameter',
    (value) => {
      expect(() => pipe.transform(value, meta)).toThrow(BadRequestException);
      expect(() => pipe.transform(value, meta)).toThrow(/space_id/);
    },
  );
});
