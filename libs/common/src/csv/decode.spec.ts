import { describe, expect, it } from '@jest/globals';
import { chunked, windows1252 } from './csv.test-helpers';
import { CsvTextDecoder, decodeCsvBytes, decodeWindows1252, hasUtf8Bom, isValidUtf8 } from './decode';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const BOM = [0xef, 0xbb, 0xbf];

function streamDecode(chunks: Uint8Array[], encoding?: 'auto' | 'utf-8' | 'windows-1252') {
  const decoder = new CsvTextDecoder(encoding);
  const text = chunks.map((c) => decoder.decode(c)).join('') + decoder.end();
  return { text, decoder };
}

describe('decodeWindows1252', () => {
  it('maps the 0x80..0x9F range to the Windows-1252 characters, not to C1 controls', () => {
    // 0x92 right single quote (used as apostrophe), 0x80 euro, 0x96 en dash, 0x93/0x94 curly quotes
    expect(decodeWindows1252(Uint8Array.from([0x53, 0x74, 0x20, 0x4d, 0x61, 0x72, 0x79, 0x92, 0x73]))).toBe('St Mary’s');
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x96, 0x93, 0x94]))).toBe('€–“”');
  });

  it('maps the upper half as Latin-1 (0xE9 é, 0xF4 ô)', () => {
    expect(decodeWindows1252(Uint8Array.from([0x45, 0x63, 0x6f, 0x6c, 0x65, 0x20, 0xe9, 0xf4]))).toBe('Ecole éô');
  });

  it('agrees with iconv-lite for every byte that Windows-1252 defines', () => {
    const text = Array.from({ length: 224 }, (_, i) => String.fromCharCode(i + 32))
      .join('')
      .replace(/[\u0080-\u009f]/g, '');
    const bytes = windows1252(text + '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
    expect(decodeWindows1252(bytes)).toBe(text + '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
  });

  it('keeps the five undefined bytes as their code points', () => {
    expect(decodeWindows1252(Uint8Array.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]))).toBe('\u0081\u008d\u008f\u0090\u009d');
  });
});

describe('decodeCsvBytes (whole file)', () => {
  it('reads UTF-8 with a BOM and removes the BOM', () => {
    const result = decodeCsvBytes(Uint8Array.from([...BOM, ...utf8('URN,Name\r\n1,Ysgol Môn')]));
    expect(result).toEqual({ text: 'URN,Name\r\n1,Ysgol Môn', encoding: 'utf-8' });
  });

  it('reads valid UTF-8 without a BOM as UTF-8', () => {
    expect(decodeCsvBytes(utf8('a,é\n'))).toEqual({ text: 'a,é\n', encoding: 'utf-8' });
  });

  it('reads plain ASCII as UTF-8', () => {
    expect(decodeCsvBytes(utf8('URN\n100000\n'))).toEqual({ text: 'URN\n100000\n', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    const bytes = windows1252('EstablishmentName\r\nSt Mary’s École\r\n');
    expect(isValidUtf8(bytes)).toBe(false);
    expect(decodeCsvBytes(bytes)).toEqual({ text: 'EstablishmentName\r\nSt Mary’s École\r\n', encoding: 'windows-1252' });
  });

  it('obeys a forced encoding', () => {
    // "Ã©" in Windows-1252 is the UTF-8 encoding of "é": forcing Windows-1252 reads it literally
    expect(decodeCsvBytes(utf8('é'), 'windows-1252').text).toBe('Ã©');
    expect(decodeCsvBytes(utf8('é'), 'utf-8').text).toBe('é');
  });

  it('recognises a BOM', () => {
    expect(hasUtf8Bom(Uint8Array.from(BOM))).toBe(true);
    expect(hasUtf8Bom(Uint8Array.from([0xef, 0xbb]))).toBe(false);
  });
});

describe('CsvTextDecoder (streamed)', () => {
  const text = 'URN,Name,LA\r\n100000,Ysgol Môn — “Cybi”,Isle of Anglesey (Ynys Môn)\r\n100001,École 😀,x\r\n';

  it('decodes UTF-8 split at every possible byte position', () => {
    const bytes = utf8(text);
    for (let split = 0; split <= bytes.length; split++) {
      const { text: decoded, decoder } = streamDecode([bytes.subarray(0, split), bytes.subarray(split)]);
      expect(decoded).toBe(text);
      expect(decoder.encoding).toBe('utf-8');
    }
  });

  it('decodes UTF-8 delivered one byte at a time, BOM included', () => {
    const { text: decoded, decoder } = streamDecode(chunked(Uint8Array.from([...BOM, ...utf8(text)]), 1));
    expect(decoded).toBe(text);
    expect(decoder.encoding).toBe('utf-8');
  });

  it('decodes Windows-1252 whose first non-ASCII byte comes in a later chunk', () => {
    const source = 'URN,Name\r\n' + '100000,Plain School\r\n'.repeat(50) + '100001,St Mary’s École\r\n';
    const { text: decoded, decoder } = streamDecode(chunked(windows1252(source), 64));
    expect(decoded).toBe(source);
    expect(decoder.encoding).toBe('windows-1252');
    expect(decoder.fellBackToWindows1252).toBe(false);
  });

  it('waits for a complete first character before deciding', () => {
    // 0xC3 alone could start "é" in UTF-8; with the next byte it is.
    const { text: decoded, decoder } = streamDecode([Uint8Array.from([0x61, 0xc3]), Uint8Array.from([0xa9, 0x62])]);
    expect(decoded).toBe('aéb');
    expect(decoder.encoding).toBe('utf-8');
  });

  it('falls back to Windows-1252 for the rest when a later chunk is not UTF-8', () => {
    const { text: decoded, decoder } = streamDecode([utf8('a,é\n'), Uint8Array.from([0x62, 0x92, 0x0a])]);
    expect(decoded).toBe('a,é\nb’\n');
    expect(decoder.encoding).toBe('windows-1252');
    expect(decoder.fellBackToWindows1252).toBe(true);
  });

  it('handles an input that is only a BOM, or nothing', () => {
    expect(streamDecode([Uint8Array.from(BOM)]).text).toBe('');
    expect(streamDecode([]).text).toBe('');
    expect(streamDecode([Uint8Array.from([0xef])]).text).toBe('ï'); // a lone 0xEF is not a BOM
  });

  it('obeys a forced Windows-1252 encoding', () => {
    expect(streamDecode([utf8('é')], 'windows-1252').text).toBe('Ã©');
  });
});
