/**
 * The accepted file formats of Article 11.2.b (R-FMT-1) and what we say about them: media type,
 * the extensions a name may carry, and a human label for messages. Owns no logic.
 */

export type AcceptedFormat = 'pdf' | 'txt' | 'rtf' | 'doc' | 'docx' | 'odt' | 'csv' | 'xls' | 'xlsx' | 'ods' | 'jpeg';

export interface FormatInfo {
  mediaType: string;
  /** Lower case, without the dot; the first is the canonical one. */
  extensions: readonly string[];
  /** How a clerk knows it: a product name, the same inside Vietnamese and English messages. */
  label: string;
}

export const FORMATS: Readonly<Record<AcceptedFormat, FormatInfo>> = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  txt: { mediaType: 'text/plain; charset=utf-8', extensions: ['txt'], label: 'TXT' },
  csv: { mediaType: 'text/csv; charset=utf-8', extensions: ['csv'], label: 'CSV' },
  rtf: { mediaType: 'application/rtf', extensions: ['rtf'], label: 'RTF' },
  doc: { mediaType: 'application/msword', extensions: ['doc'], label: 'Word 97-2003 (.doc)' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word (.docx)' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'OpenDocument Text (.odt)' },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'], label: 'Excel 97-2003 (.xls)' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel (.xlsx)' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'], label: 'OpenDocument Spreadsheet (.ods)' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
};

/** The formats told apart only by the name: their content is the same UTF-8 text. */
export const TEXT_FORMATS: Readonly<Record<string, AcceptedFormat>> = { txt: 'txt', csv: 'csv' };

/** The signed main document of a document is always a PDF (R-FMT-1). */
export const MAIN_FORMAT: AcceptedFormat = 'pdf';

export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(FORMATS).flatMap((f) => f.extensions);

/** For messages: "PDF, TXT, CSV, …". */
export const ACCEPTED_LIST = (Object.keys(FORMATS) as AcceptedFormat[]).map((f) => f.toUpperCase()).join(', ');
