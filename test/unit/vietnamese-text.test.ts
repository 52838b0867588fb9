/**
 * Vietnamese text rules (R-FMT-2): strict UTF-8, NFC, and TCVN3/VNI legacy text detected —
 * without flagging Unicode Vietnamese or European languages.
 */
import {
  checkVietnameseText,
  decodeLegacyVietnamese,
  decodeUtf8Strict,
  decodeWindows1252,
  detectLegacyVietnamese,
  encodeLegacyVietnamese,
  isVietnameseSyllable,
  toNfc,
} from '../../domain/vietnamese-text';

/** An official text with every kind of syllable: đ, ươ, uyê, ngh, stop finals, capitals. */
const DECISION =
  'ỦY BAN NHÂN DÂN TỈNH SƠN LA. QUYẾT ĐỊNH về việc ban hành Quy chế tiếp nhận, xử lý văn bản điện tử. ' +
  'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; theo đề nghị của Giám đốc Sở Nội vụ, ' +
  'Chánh Văn phòng, thủ trưởng các sở, ban, ngành và người đứng đầu các đơn vị được giao nhiệm vụ chịu trách ' +
  'nhiệm thi hành Quyết định này kể từ ngày ký. Nơi nhận: như Điều 3; Bộ Nội vụ; lưu trữ. Nguyễn Văn Huỳnh, ' +
  'khuya, khuỷu, nghiêng, thuở, xoong, quýt, oanh, khoét, ngoài, yêu, giữ gìn, những.';

describe('strict UTF-8 and NFC (R-FMT-2)', () => {
  test('R-FMT-2 when bytes are valid UTF-8 with a BOM, then the text is returned without the BOM', () => {
    const r = decodeUtf8Strict(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Sơn La')]));
    expect(r).toEqual({ ok: true, text: 'Sơn La', hadBom: true });
  });

  test('R-FMT-2 when a byte sequence is not UTF-8, then a typed error gives the offset of the first bad byte', () => {
    expect(decodeUtf8Strict(new Uint8Array([0x53, 0xc6, 0xa1, 0x6e, 0xe9, 0x20]))).toEqual({ ok: false, error: { code: 'INVALID_UTF8', offset: 4 } });
  });

  test.each([
    ['an overlong encoding', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut at the end', [0x41, 0xe1, 0xba]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('R-FMT-2 when the bytes contain %s, then they are refused', (_label, bytes) => {
    expect(decodeUtf8Strict(new Uint8Array(bytes)).ok).toBe(false);
  });

  test('R-FMT-2 when text arrives decomposed (NFD, as macOS sends it), then toNfc stores one code point per letter', () => {
    const nfd = 'Nguyễn Văn Việt'.normalize('NFD');
    expect(nfd.length).toBeGreaterThan('Nguyễn Văn Việt'.length);
    expect(toNfc(nfd)).toBe('Nguyễn Văn Việt');
    expect(toNfc(nfd)).toBe(toNfc(toNfc(nfd)));
  });

  test('R-FMT-2 when a JSON string carries a lone surrogate, then the field is refused as not Unicode', () => {
    expect(checkVietnameseText('Sơn La \ud800', 'trích yếu')).toMatch(/trích yếu.*không hợp lệ trong Unicode/);
  });

  test('R-FMT-2 when Windows-1252 bytes are decoded, then 0x80–0x9F map to their Windows characters and the rest to Latin-1', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x93, 0x94, 0xd6, 0xae]))).toBe('€“”Ö®');
  });
});

describe('legacy encoding tables (R-FMT-2)', () => {
  // Independent anchors: how these lines look in documents typed with .VnTime and VNI-Times.
  test('R-FMT-2 when the national motto is encoded in TCVN3, then it reads as in .VnTime documents', () => {
    expect(encodeLegacyVietnamese('Cộng hoà xã hội chủ nghĩa Việt Nam', 'TCVN3')).toBe('Céng hoµ x· héi chñ nghÜa ViÖt Nam');
    expect(encodeLegacyVietnamese('Độc lập - Tự do - Hạnh phúc', 'TCVN3')).toBe('§éc lËp - Tù do - H¹nh phóc');
  });

  test('R-FMT-2 when the national motto is encoded in VNI, then it reads as in VNI-Times documents', () => {
    expect(encodeLegacyVietnamese('Cộng hòa xã hội chủ nghĩa Việt Nam', 'VNI')).toBe('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam');
    expect(encodeLegacyVietnamese('Độc lập - Tự do - Hạnh phúc', 'VNI')).toBe('Ñoäc laäp - Töï do - Haïnh phuùc');
  });

  test('R-FMT-2 when a text with every toned letter goes through VNI and back, then it is unchanged', () => {
    const all = 'aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ đ';
    for (const text of [all, all.toUpperCase(), DECISION]) {
      expect(decodeLegacyVietnamese(encodeLegacyVietnamese(text, 'VNI'), 'VNI')).toBe(text);
    }
  });

  test('R-FMT-2 when a text goes through TCVN3 and back, then only the capitals of toned letters become lower case (the .VnTimeH font drew them)', () => {
    const text = 'Ăn ở Đà Nẵng, Ơn, Ưng, Ê-đê, Ô tô, Âu. Việt Nam. quyết định';
    expect(decodeLegacyVietnamese(encodeLegacyVietnamese(text, 'TCVN3'), 'TCVN3')).toBe(text);
    expect(decodeLegacyVietnamese(encodeLegacyVietnamese('QUYẾT ĐỊNH', 'TCVN3'), 'TCVN3')).toBe('QUYếT ĐịNH');
  });

  test('R-FMT-2 when a VNI mark stands after a consonant, then the text is not VNI', () => {
    expect(decodeLegacyVietnamese('café', 'VNI')).toBeNull();
  });
});

describe('Vietnamese syllables (R-FMT-2)', () => {
  test('R-FMT-2 when every word of an official decision is checked, then each is a well-formed syllable', () => {
    const words = DECISION.split(/[^\p{L}]+/u).filter(Boolean);
    expect(words.filter((w) => !isVietnameseSyllable(w))).toEqual([]);
  });

  test.each(['Müller', 'crème', 'Straße', 'naïve', 'señor', 'tơt', 'ce', 'ka', 'ngi', 'ñ', 'ă', 'tiê'])('R-FMT-2 when "%s" is checked, then it is not a Vietnamese syllable', (word) => {
    expect(isVietnameseSyllable(word)).toBe(false);
  });
});

describe('legacy Vietnamese detection (R-FMT-2)', () => {
  test('R-FMT-2 when an official text was typed with a TCVN3 font, then TCVN3 is detected with examples', () => {
    const found = detectLegacyVietnamese(encodeLegacyVietnamese(DECISION, 'TCVN3'));
    expect(found?.encoding).toBe('TCVN3');
    expect(found?.evidence.length).toBeGreaterThan(0);
    expect(found?.evidence[0]).toMatch(/ → /);
  });

  test('R-FMT-2 when an official text was typed with a VNI font, then VNI is detected with examples', () => {
    const found = detectLegacyVietnamese(encodeLegacyVietnamese(DECISION, 'VNI'));
    expect(found?.encoding).toBe('VNI');
    expect(found?.evidence.length).toBeGreaterThan(0);
    for (const example of found?.evidence ?? []) expect(example).toMatch(/^\S+ → \S+$/);
  });

  test.each([
    ['ViÖt Nam', 'TCVN3'],
    ['QuyÕt ®Þnh', 'TCVN3'],
    ['NguyÔn V¨n A', 'TCVN3'],
    ['Vieät Nam', 'VNI'],
    ['Quyeát ñònh', 'VNI'],
    ['QUYEÁT ÑÒNH', 'VNI'],
  ])('R-FMT-2 when a short value reads "%s", then it is detected as %s', (text, encoding) => {
    expect(detectLegacyVietnamese(text)?.encoding).toBe(encoding);
  });

  test('R-FMT-2 when TCVN3 text sits inside JSON, then the field is refused naming TCVN3 and telling how to fix it', () => {
    const json = JSON.stringify({ trichYeu: encodeLegacyVietnamese('Quyết định về việc ban hành quy chế', 'TCVN3'), so: '01/QĐ-UBND' });
    expect(checkVietnameseText(json, 'trích yếu')).toMatch(/^Trường "trích yếu": văn bản có vẻ được gõ bằng bảng mã TCVN3 \(ABC\).*Unicode \(TCVN 6909:2001\)/);
  });

  test('R-FMT-2 when VNI text sits inside JSON, then the field is refused naming VNI', () => {
    const json = JSON.stringify({ trichYeu: encodeLegacyVietnamese('Quyết định về việc ban hành quy chế', 'VNI') });
    expect(checkVietnameseText(json, 'trích yếu')).toMatch(/bảng mã VNI \(VNI-Windows\)/);
  });

  test('R-FMT-2 when a legacy .txt is read as Windows-1252 bytes, then the detector names its encoding', () => {
    const bytes = Buffer.from(encodeLegacyVietnamese(DECISION, 'TCVN3'), 'latin1');
    expect(decodeUtf8Strict(bytes).ok).toBe(false);
    expect(detectLegacyVietnamese(decodeWindows1252(bytes))?.encoding).toBe('TCVN3');
  });
});

describe('legacy detection false-positive guards (R-FMT-2)', () => {
  test.each([
    ['Unicode Vietnamese', DECISION],
    ['Unicode Vietnamese in NFD', DECISION.normalize('NFD')],
    ['Vietnamese written with Latin-1 letters only', 'Bà có cá và mì, là lá tôi. Hà Tây, Cà Mau, ô tô.'],
    ['English', 'The Provincial People’s Committee approved the regulation on electronic documents.'],
    ['German', 'Müller, Öffnungszeiten: Straße, Grüße, schön, Mädchen, Bär, über, für, Köln, Käse.'],
    ['French', 'crème brûlée; Où est la gare? Là-bas, déjà vu, naïve café résumé, garçon, Noël, goût, août, hôtel, tôt, côte.'],
    ['Spanish and Portuguese', 'año, niño, señor, mañana, España, São Paulo, não, ação, só, pôr.'],
    ['units and symbols in Vietnamese text', 'Kích thước 5 µm và 10 µm, © 2020 Sở TT&TT, ½ kg, 25°C, 100 m², «trích dẫn».'],
    ['Vietnamese quoting foreign names', 'Ông Müller và bà Dupont-Lefèvre đã đến Sơn La; café sữa đá.'],
    ['one ambiguous TCVN3 word', 'c¸c'],
  ])('R-FMT-2 when the text is %s, then it is not flagged', (_label, text) => {
    expect(detectLegacyVietnamese(text)).toBeNull();
  });

  test('R-FMT-2 when a field is ordinary Unicode Vietnamese, then checkVietnameseText finds no problem', () => {
    expect(checkVietnameseText('Quyết định về việc ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh', 'trích yếu')).toBeNull();
  });
});
