import { CsvError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits records and cells, with the line each record starts on', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', '2', '3'] },
    ]);
  });

  it('reads quoted cells: commas, doubled quotes and line breaks inside', () => {
    const records = parseCsv('name,code\n"Chipata, Eastern",1\n"St. Agnes ""Clinic""",2\n"Two\nlines",3\nafter,4');
    expect(records.map((r) => r.cells)).toEqual([
      ['name', 'code'],
      ['Chipata, Eastern', '1'],
      ['St. Agnes "Clinic"', '2'],
      ['Two\nlines', '3'],
      ['after', '4'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
  });

  it('takes CRLF and CR line ends, a byte order mark and no final line end', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\r3,4').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(parseCsv('a\n\n   \nb\n').map((r) => r.line)).toEqual([1, 4]);
  });

  it('keeps empty cells, trailing ones included', () => {
    expect(parseCsv('a,,\n,,')[0].cells).toEqual(['a', '', '']);
    expect(parseCsv('a,,\n,,')[1].cells).toEqual(['', '', '']);
  });

  it('keeps a quote inside an unquoted cell, as Excel writes Ng\'ombe and 5" pipes', () => {
    expect(parseCsv('Ng\'ombe,5" pipe')[0].cells).toEqual(["Ng'ombe", '5" pipe']);
  });

  it('says where a quoted cell is never closed', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(new CsvError(2, 'a quoted field is not closed'));
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(CsvError);
    expect(parseCsv('"a"  ,c')[0].cells).toEqual(['a', 'c']);
  });
});
