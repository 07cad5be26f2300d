import { bodyErrorMessage, isClientBodyError, toApiErrorBody } from './api-error.filter';

describe('toApiErrorBody', () => {
  it('keeps a plain string message', () => {
    expect(toApiErrorBody(404, 'space 7 not found')).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'space 7 not found',
    });
  });

  it('joins a message array and keeps the parts as details', () => {
    expect(toApiErrorBody(400, { message: ['a must be x', 'b must be y'] })).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'a must be x; b must be y',
      details: ['a must be x', 'b must be y'],
    });
  });

  it('falls back to the reason phrase when there is no message', () => {
    expect(toApiErrorBody(409, {})).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Conflict',
    });
  });
});

describe('body parser errors', () => {
  it('recognises a JSON parse failure and says so', () => {
    const err = {
      status: 400,
      type: 'entity.parse.failed',
      message: 'Unexpected end of JSON input',
    };
    expect(isClientBodyError(err)).toBe(true);
    expect(bodyErrorMessage(err)).toMatch(/^Malformed JSON/);
  });

  it('does not take server faults or plain errors for client errors', () => {
    expect(isClientBodyError(new Error('x'))).toBe(false);
    expect(isClientBodyError({ status: 500, type: 'x', message: '' })).toBe(false);
  });
});
