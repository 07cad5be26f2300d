import { statementText } from './statement-text';

describe('statementText', () => {
  it('drops the terminating semicolon and what follows it', async () => {
    expect(await statementText('SELECT 1;')).toBe('SELECT 1');
    expect(await statementText('SELECT 1 ; -- done\n')).toBe('SELECT 1 ');
  });

  it('keeps a trailing comment (the caller nests the text on its own lines)', async () => {
    expect(await statementText('SELECT 1 -- one')).toBe('SELECT 1 -- one');
  });

  it('counts multi-byte characters before the statement correctly', async () => {
    expect(await statementText("/* é€😀 */ SELECT 'ü;' AS x; ")).toBe("SELECT 'ü;' AS x");
  });
});
