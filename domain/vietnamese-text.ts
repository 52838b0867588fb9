/**
 * Vietnamese text encoding rules (R-FMT-2, TCVN 6909:2001): strict UTF-8 decoding, NFC, and
 * detection of text typed in the legacy TCVN3 (ABC) and VNI-Windows font encodings.
 *
 * Pure: imports nothing; uses only the global TextDecoder (present in Node and in the Temporal
 * workflow sandbox), so workflows may call it on untrusted input.
 *
 * How legacy text reaches us. TCVN3 and VNI are *font* encodings: the bytes are ordinary
 * Windows-1252 code points that a .VnTime / VNI-Times font draws as Vietnamese letters. So the
 * text arrives either (a) as a .txt/.csv whose bytes are not UTF-8 at all — decode them with
 * `decodeWindows1252` and run the detector — or (b) as perfectly valid Unicode that was copied
 * out of such a font and therefore spells "Việt" as "ViÖt" (TCVN3) or "Vieät" (VNI).
 *
 * How we detect it (scoring, never a single character — Ö, é, ñ are ordinary letters in German,
 * French and Spanish). Every word made of Latin-1 characters is decoded as TCVN3 and as VNI with
 * the tables below; a word counts as a *hit* for an encoding when it is NOT a well-formed
 * Vietnamese syllable as written but IS one once decoded ("ViÖt" → "Việt"). The syllable check
 * (initial + vowel nucleus + final, one tone, stop finals only with sắc/nặng, k/gh/ngh only before
 * front vowels, …) is what rejects foreign words: "Müller" → "Mỹller", "crème" → "crốme" are not
 * syllables. Words that are valid either way ("có", "là") are ignored: that is why ordinary
 * Unicode Vietnamese is never flagged. Hits weigh more when the decoded word has letters outside
 * Latin-1 (ă ơ ư đ ạ ệ …) and when the written form could not be a European word at all (a symbol
 * such as ® ¸ ¬ inside a word, "ViÖt" with a capital in the middle, a VNI vowel + mark pair). The
 * text is flagged when the distinct-word score reaches LEGACY_MIN_SCORE and hits are at least as
 * many as words that decode to nothing ("misses", i.e. foreign words).
 *
 * Precision trade-offs (documented in the tests too): a single ambiguous word is not enough
 * ("c¸c" alone, "µm"), so a one-word TCVN3 value written only with Latin-1-looking letters can
 * pass; one strong word ("ViÖt", "Vieät") is enough. A Unicode text that quotes a couple of
 * legacy-encoded words is flagged — that is intended: readers would see mojibake. Other legacy
 * encodings (VISCII, VPS, Windows-1258) are not named: their bytes fail as invalid UTF-8 instead.
 */

// ---------------------------------------------------------------------------------------------
// UTF-8 and NFC

export interface InvalidUtf8 {
  code: 'INVALID_UTF8';
  /** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
  offset: number;
}

export type Utf8DecodeResult = { ok: true; text: string; hadBom: boolean } | { ok: false; error: InvalidUtf8 };

/** Decodes UTF-8 refusing any ill-formed sequence (no U+FFFD substitution); a leading BOM is allowed and dropped. */
export function decodeUtf8Strict(bytes: Uint8Array): Utf8DecodeResult {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return { ok: true, text, hadBom };
  } catch {
    // The native decoder is fast but does not say where; find the place only on the error path.
    return { ok: false, error: { code: 'INVALID_UTF8', offset: firstInvalidUtf8Offset(bytes) } };
  }
}

/** Well-formed UTF-8 per Unicode Table 3-7 (no overlongs, no surrogates, nothing above U+10FFFF). */
function firstInvalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let trail: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) trail = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      trail = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      trail = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= trail; k++) {
      const x = b[i + k];
      if (x === undefined) return i;
      if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return i;
    }
    i += trail + 1;
  }
  return b.length;
}

/** The one normal form we store (R-FMT-2): precomposed, so "ệ" is one code point whatever the keyboard sent. */
export function toNfc(text: string): string {
  return text.normalize('NFC');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** JSON can carry "\ud800": such a string is not Unicode text and the database driver would silently mangle it. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F; WHATWG maps its five holes to the C1 controls.
const CP1252_80_9F =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Bytes → text as Windows-1252 (what a legacy-font document is, byte for byte). Not with
 * TextDecoder('windows-1252'): Node builds without full ICU (whose decoder the workflow sandbox
 * reuses) lack it, and this must behave the same everywhere.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const CHUNK = 8192;
  const parts: string[] = [];
  const codes = new Uint16Array(Math.min(CHUNK, bytes.length));
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_80_9F.charCodeAt(b - 0x80) : b;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, end - start)));
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Legacy encodings: tables

export type LegacyVietnameseEncoding = 'TCVN3' | 'VNI';

export const LEGACY_ENCODING_LABELS: Record<LegacyVietnameseEncoding, string> = {
  TCVN3: 'TCVN3 (ABC)',
  VNI: 'VNI (VNI-Windows)',
};

/** Tone marks in the order the tables below list them: huyền, hỏi, ngã, sắc, nặng. */
const GRAVE = '\u0300';
const HOOK = '\u0309';
const TILDE = '\u0303';
const ACUTE = '\u0301';
const DOT = '\u0323';
const TONES = [GRAVE, HOOK, TILDE, ACUTE, DOT] as const;

const nfc = (s: string) => s.normalize('NFC');

/**
 * TCVN3 (TCVN 5712:1993 "VN3", the ABC keyboard's .VnTime fonts): one byte per letter, lower case
 * only — upper-case toned letters are the same bytes drawn by the ".VnTimeH" fonts — except the
 * seven letters Ă Â Ê Ô Ơ Ư Đ, which have their own bytes (0xA1–0xA7).
 * Each row: the base letter, then its bytes with huyền, hỏi, ngã, sắc, nặng.
 */
const TCVN3_ROWS: ReadonlyArray<readonly [string, number, number, number, number, number]> = [
  ['a', 0xb5, 0xb6, 0xb7, 0xb8, 0xb9],
  ['ă', 0xbb, 0xbc, 0xbd, 0xbe, 0xc6],
  ['â', 0xc7, 0xc8, 0xc9, 0xca, 0xcb],
  ['e', 0xcc, 0xce, 0xcf, 0xd0, 0xd1],
  ['ê', 0xd2, 0xd3, 0xd4, 0xd5, 0xd6],
  ['i', 0xd7, 0xd8, 0xdc, 0xdd, 0xde],
  ['o', 0xdf, 0xe1, 0xe2, 0xe3, 0xe4],
  ['ô', 0xe5, 0xe6, 0xe7, 0xe8, 0xe9],
  ['ơ', 0xea, 0xeb, 0xec, 0xed, 0xee],
  ['u', 0xef, 0xf1, 0xf2, 0xf3, 0xf4],
  ['ư', 0xf5, 0xf6, 0xf7, 0xf8, 0xf9],
  ['y', 0xfa, 0xfb, 0xfc, 0xfd, 0xfe],
];
const TCVN3_PLAIN: ReadonlyArray<readonly [number, string]> = [
  [0xa1, 'Ă'], [0xa2, 'Â'], [0xa3, 'Ê'], [0xa4, 'Ô'], [0xa5, 'Ơ'], [0xa6, 'Ư'], [0xa7, 'Đ'],
  [0xa8, 'ă'], [0xa9, 'â'], [0xaa, 'ê'], [0xab, 'ô'], [0xac, 'ơ'], [0xad, 'ư'], [0xae, 'đ'],
];

const TCVN3_DECODE = new Map<string, string>();
const TCVN3_ENCODE = new Map<string, string>();
for (const [byte, letter] of TCVN3_PLAIN) {
  TCVN3_DECODE.set(String.fromCharCode(byte), letter);
  TCVN3_ENCODE.set(letter, String.fromCharCode(byte));
}
for (const [base, ...bytes] of TCVN3_ROWS) {
  bytes.forEach((byte, t) => {
    const letter = nfc(base + TONES[t]);
    TCVN3_DECODE.set(String.fromCharCode(byte), letter);
    TCVN3_ENCODE.set(letter, String.fromCharCode(byte));
    // Upper case shares the lower-case byte (it is the font, .VnTimeH, that draws capitals).
    TCVN3_ENCODE.set(letter.toUpperCase(), String.fromCharCode(byte));
  });
}

/**
 * VNI-Windows (VNI-Times fonts): a base letter followed by a "mark" character that the font draws
 * as the diacritics, e.g. "eä" = ệ, "aø" = à. A few letters have single characters of their own
 * (ñ = đ, ô = ơ, ö = ư, the toned i's, î = ỵ). Upper case uses the upper-case Latin-1 forms.
 */
const VNI_TONE_MARKS = ['ø', 'û', 'õ', 'ù', 'ï'] as const; // huyền, hỏi, ngã, sắc, nặng
const VNI_CIRCUMFLEX_MARKS = ['â', 'à', 'å', 'ã', 'á', 'ä'] as const; // none, then the five tones
const VNI_BREVE_MARKS = ['ê', 'è', 'ú', 'ü', 'é', 'ë'] as const;
const VNI_I = ['ì', 'æ', 'ó', 'í', 'ò'] as const; // ì ỉ ĩ í ị
const VNI_SINGLES: ReadonlyArray<readonly [string, string]> = [
  ['ñ', 'đ'],
  ['ô', 'ơ'],
  ['ö', 'ư'],
  ['î', 'ỵ'],
];

const VNI_DECODE = new Map<string, string>();
const VNI_ENCODE = new Map<string, string>();
function addVni(seq: string, letter: string): void {
  for (const [s, l] of [
    [seq, letter],
    [seq.toUpperCase(), letter.toUpperCase()],
  ] as const) {
    VNI_DECODE.set(s, l);
    if (!VNI_ENCODE.has(l)) VNI_ENCODE.set(l, s);
  }
  // Decoding also accepts a capital base with a lower-case mark and vice versa (mixed-case typing).
  if (seq.length === 2) {
    VNI_DECODE.set(seq[0].toUpperCase() + seq[1], letter.toUpperCase());
    VNI_DECODE.set(seq[0] + seq[1].toUpperCase(), letter);
  }
}
for (const [single, letter] of VNI_SINGLES) addVni(single, letter);
VNI_I.forEach((ch, t) => addVni(ch, nfc('i' + TONES[t])));
for (const base of ['a', 'e', 'o', 'u', 'y']) {
  VNI_TONE_MARKS.forEach((mark, t) => {
    // ỵ has its own character (î) instead of y + dot mark.
    if (!(base === 'y' && TONES[t] === DOT)) addVni(base + mark, nfc(base + TONES[t]));
  });
}
for (const [single, letter] of [
  ['ô', 'ơ'],
  ['ö', 'ư'],
] as const) {
  VNI_TONE_MARKS.forEach((mark, t) => addVni(single + mark, nfc(letter + TONES[t])));
}
for (const base of ['a', 'e', 'o']) {
  VNI_CIRCUMFLEX_MARKS.forEach((mark, t) => addVni(base + mark, nfc(base + '\u0302' + (t === 0 ? '' : TONES[t - 1]))));
}
VNI_BREVE_MARKS.forEach((mark, t) => addVni('a' + mark, nfc('a\u0306' + (t === 0 ? '' : TONES[t - 1]))));

/**
 * Unicode Vietnamese → the Latin-1 characters a legacy font would have shown (what a user pastes
 * from an old document). Characters the encoding cannot express become "?". Used by tests and
 * tools; the system itself never produces legacy text.
 */
export function encodeLegacyVietnamese(text: string, encoding: LegacyVietnameseEncoding): string {
  const table = encoding === 'TCVN3' ? TCVN3_ENCODE : VNI_ENCODE;
  let out = '';
  for (const ch of nfc(text)) {
    const mapped = table.get(ch);
    if (mapped !== undefined) out += mapped;
    else out += ch.charCodeAt(0) < 0x80 ? ch : '?';
  }
  return out;
}

/** Legacy characters → Unicode; null when the text contains something the encoding never produces (e.g. an orphan VNI mark). */
export function decodeLegacyVietnamese(text: string, encoding: LegacyVietnameseEncoding): string | null {
  const table = encoding === 'TCVN3' ? TCVN3_DECODE : VNI_DECODE;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (encoding === 'VNI' && i + 1 < text.length) {
      const pair = table.get(text.slice(i, i + 2));
      if (pair !== undefined) {
        out += pair;
        i += 2;
        continue;
      }
    }
    const ch = text[i];
    const single = table.get(ch);
    if (single !== undefined) out += single;
    else if (ch.charCodeAt(0) < 0x80) out += ch;
    else return null;
    i++;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vietnamese syllable structure

const INITIALS = ['ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'qu', 'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', ''];
const FINALS = ['ch', 'nh', 'ng', 'c', 'm', 'n', 'p', 't', ''];
/** Vowel nuclei, semivowel glides included (so "ai", "ươi" are nuclei and take no final consonant). */
const OPEN_NUCLEI = new Set(['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu', 'iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi', 'ươu']);
const CLOSED_NUCLEI = new Set(['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'uyê', 'oă', 'uâ']);
const FREE_NUCLEI = new Set(['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'oo', 'uê', 'uơ', 'uy']);
const TONE_SET = new Set<string>(TONES);
const STOP_FINALS = new Set(['c', 'ch', 'p', 't']);
const FRONT = new Set(['i', 'e', 'ê', 'y']);
const LETTERS = /^[a-zăâđêôơư]+$/;

/**
 * Is `word` one well-formed Vietnamese syllable (any case, any Unicode form)? Deliberately
 * phonotactic rather than a dictionary: it accepts every real syllable and rejects almost every
 * European word, which is all the detector needs.
 */
export function isVietnameseSyllable(word: string): boolean {
  let tone: string | null = null;
  let base = '';
  let lastLetter = '';
  for (const ch of word.toLowerCase().normalize('NFD')) {
    if (TONE_SET.has(ch)) {
      // One tone, and on a vowel: "ñ" (n + tilde) must not pass as a toned letter.
      if (tone !== null || !'aeiouy'.includes(lastLetter)) return false;
      tone = ch;
      continue;
    }
    if (!/\p{M}/u.test(ch)) lastLetter = ch;
    base += ch;
  }
  base = nfc(base);
  if (!LETTERS.test(base) || base.length > 7) return false;
  for (const initial of INITIALS) {
    if (!base.startsWith(initial)) continue;
    for (const final of FINALS) {
      if (!base.endsWith(final) || initial.length + final.length >= base.length) continue;
      const nucleus = base.slice(initial.length, base.length - final.length);
      if (syllableFits(initial, nucleus, final, tone)) return true;
    }
  }
  return false;
}

function syllableFits(initial: string, nucleus: string, final: string, tone: string | null): boolean {
  const fitsFinal = final === '' ? OPEN_NUCLEI.has(nucleus) || FREE_NUCLEI.has(nucleus) : CLOSED_NUCLEI.has(nucleus) || FREE_NUCLEI.has(nucleus);
  if (!fitsFinal) return false;
  // Checked syllables (ending in a stop) carry only sắc or nặng.
  if (STOP_FINALS.has(final) && tone !== ACUTE && tone !== DOT) return false;
  if ((final === 'ch' || final === 'nh') && !'aêiy'.includes(nucleus[nucleus.length - 1])) return false;
  const first = nucleus[0];
  if ((initial === 'k' || initial === 'gh' || initial === 'ngh') && !FRONT.has(first)) return false;
  if ((initial === 'c' || initial === 'ng') && FRONT.has(first)) return false;
  if (initial === 'g' && (first === 'e' || first === 'ê')) return false;
  if (initial === 'qu' && first === 'u') return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Detection

export interface LegacyVietnameseDetection {
  encoding: LegacyVietnameseEncoding;
  /** A few words as written and as they were meant, e.g. `ViÖt → Việt`. */
  evidence: string[];
}

/** Distinct-word score at which a text is called legacy-encoded (see the module header). */
const LEGACY_MIN_SCORE = 2;
/** Enough text to decide; a legacy document is legacy throughout, and this bounds the work on a 50 MB .txt. */
const MAX_CHARS_EXAMINED = 1_000_000;
const WORD = /[\p{L}\p{M}\u00A1-\u00BF\u00D7\u00F7]+/gu;
/** TCVN3 letters that are no letter in any European orthography (symbols drawn as letters by the font). */
const TCVN3_IMPOSSIBLE = /[\u00A1-\u00B4\u00B6-\u00BF\u00D7\u00F7\u00DE\u00FE]|\p{Ll}\u00B5|\p{Ll}[\u00C0-\u00DE]/u;
const HAS_LATIN1 = /[\u0080-\u00FF]/;
const BEYOND_LATIN1 = /[\u0100-\u{10FFFF}]/u;

interface Tally {
  score: number;
  hits: number;
  misses: number;
  evidence: Array<{ text: string; weight: number }>;
}

export function detectLegacyVietnamese(text: string): LegacyVietnameseDetection | null {
  const sample = nfc(text.length > MAX_CHARS_EXAMINED ? text.slice(0, MAX_CHARS_EXAMINED) : text);
  const tallies: Record<LegacyVietnameseEncoding, Tally> = {
    TCVN3: { score: 0, hits: 0, misses: 0, evidence: [] },
    VNI: { score: 0, hits: 0, misses: 0, evidence: [] },
  };
  const seen = new Set<string>();
  for (const [word] of sample.matchAll(WORD)) {
    // Only words made of Latin-1 can be legacy text; a word with ệ or ư is already Unicode.
    if (!HAS_LATIN1.test(word) || BEYOND_LATIN1.test(word)) continue;
    const key = word.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (isVietnameseSyllable(word)) continue; // "có", "là": fine as written, whatever the decoders say
    for (const encoding of ['TCVN3', 'VNI'] as const) {
      const decoded = decodeLegacyVietnamese(word, encoding);
      const tally = tallies[encoding];
      if (decoded === null || decoded === word || !isVietnameseSyllable(decoded)) {
        tally.misses++;
        continue;
      }
      const weight = hitWeight(word, decoded, encoding);
      tally.hits++;
      tally.score += weight;
      tally.evidence.push({ text: `${word} → ${decoded}`, weight });
    }
  }
  const flagged = (['TCVN3', 'VNI'] as const)
    .filter((e) => tallies[e].score >= LEGACY_MIN_SCORE && tallies[e].hits >= tallies[e].misses)
    .sort((a, b) => tallies[b].score - tallies[a].score);
  if (flagged.length === 0) return null;
  const best = tallies[flagged[0]];
  const evidence = [...best.evidence]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 5)
    .map((e) => e.text);
  return { encoding: flagged[0], evidence };
}

function hitWeight(written: string, decoded: string, encoding: LegacyVietnameseEncoding): number {
  // A decoded word with ă ơ ư đ ạ ệ … is specific to Vietnamese; "à", "các" could be chance.
  let weight = BEYOND_LATIN1.test(decoded) ? 1 : 0.5;
  if (encoding === 'TCVN3' && TCVN3_IMPOSSIBLE.test(written)) weight += 1;
  // A VNI vowel + mark pair that composed a Vietnamese-only letter ("eä" → ệ); single-character
  // VNI letters (ñ, ô, ö) stay at the base weight because they are ordinary Spanish/German letters.
  if (encoding === 'VNI' && BEYOND_LATIN1.test(decoded) && decoded.length < written.length) weight += 1;
  return weight;
}

/**
 * The problem with a text field, or null: lone surrogates (not Unicode) and legacy-encoded
 * Vietnamese, in Vietnamese first, naming the field and the encoding it looks like.
 */
export function checkVietnameseText(value: string, field: string): string | null {
  if (hasLoneSurrogate(value)) {
    return `Trường "${field}" chứa ký tự không hợp lệ trong Unicode (field "${field}" is not valid Unicode text)`;
  }
  const legacy = detectLegacyVietnamese(value);
  if (!legacy) return null;
  const { vi, en } = describeLegacyEncoding(legacy);
  return `Trường "${field}": ${vi} (field "${field}": ${en})`;
}

/** The wording shared by field and file refusals: which encoding, an example, what to do. */
export function describeLegacyEncoding(legacy: LegacyVietnameseDetection): { vi: string; en: string } {
  const label = LEGACY_ENCODING_LABELS[legacy.encoding];
  const example = legacy.evidence[0] ? ` (ví dụ ${legacy.evidence[0]})` : '';
  return {
    vi: `văn bản có vẻ được gõ bằng bảng mã ${label}${example}; hãy chuyển sang Unicode (TCVN 6909:2001), ví dụ bằng chức năng chuyển mã của Unikey, rồi gửi lại`,
    en: `text looks ${label}-encoded; convert it to Unicode`,
  };
}
