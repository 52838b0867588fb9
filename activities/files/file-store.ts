/**
 * File intake and retrieval (R-FMT-3, R-REC-2): every file gets its SHA-256 when it enters the
 * system, its bytes are stored once per digest in `file_contents` (PostgreSQL bytea — transactional
 * with the document that references it, and in the same backups), and each intake gets its own
 * immutable `files` row. Reading re-verifies the digest, so a damaged blob is reported, never
 * served. Format checks are not done here: callers run activities/formats first.
 */
import crypto from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../../db/database';
import { toNfc } from '../../domain/vietnamese-text';

export interface StoredFile {
  id: string;
  /** Lower-case hex. */
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  originalName: string;
  storageKey: string;
  createdAt: Date;
}

export interface FileIntake {
  name: string;
  bytes: Buffer | Uint8Array;
  mediaType: string;
}

export type FileStoreErrorCode = 'EMPTY_FILE' | 'FILE_NOT_FOUND' | 'FILE_CORRUPTED';

export class FileStoreError extends Error {
  constructor(
    readonly code: FileStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileStoreError';
  }
}

interface FileRow {
  id: string;
  sha256: string;
  size_bytes: string | number;
  media_type: string;
  original_name: string;
  storage_key: string;
  created_at: Date;
}

export function sha256Hex(bytes: Buffer | Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Content address; the database checks that it matches the stored bytes (migration 0005). */
export function storageKeyFor(sha256: string): string {
  return `sha256:${sha256}`;
}

/**
 * Records one intake. Identical content already stored is not sent to the database again; the
 * new `files` row points at it. Runs in the caller's transaction when given (so a document and
 * its files commit together), else in its own.
 */
export async function storeFile(db: Database, input: FileIntake, transaction?: Transaction): Promise<StoredFile & { contentExisted: boolean }> {
  const bytes = asBuffer(input.bytes);
  if (bytes.length === 0) throw new FileStoreError('EMPTY_FILE', `"${input.name}": tệp rỗng không được lưu (empty file)`);
  const sha256 = sha256Hex(bytes);
  const storageKey = storageKeyFor(sha256);
  const { sequelize } = db;

  const run = async (t: Transaction) => {
    const present = await sequelize.query('SELECT 1 FROM file_contents WHERE storage_key = $1', { bind: [storageKey], transaction: t, type: QueryTypes.SELECT });
    let contentExisted = present.length > 0;
    if (!contentExisted) {
      // A concurrent intake of the same bytes may have committed meanwhile: that is the same content.
      const inserted = await sequelize.query('INSERT INTO file_contents (storage_key, content) VALUES ($1, $2) ON CONFLICT (storage_key) DO NOTHING RETURNING storage_key', {
        bind: [storageKey, bytes],
        transaction: t,
        type: QueryTypes.SELECT,
      });
      contentExisted = inserted.length === 0;
    }
    const [row] = await sequelize.query<FileRow>(
      `INSERT INTO files (sha256, size_bytes, media_type, original_name, storage_key)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, sha256, size_bytes, media_type, original_name, storage_key, created_at`,
      { bind: [sha256, bytes.length, input.mediaType, toNfc(input.name), storageKey], transaction: t, type: QueryTypes.SELECT },
    );
    return { ...toStoredFile(row), contentExisted };
  };
  return transaction ? run(transaction) : sequelize.transaction(run);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Metadata only (no bytes): listings and detail views. */
export async function getFileMetadata(db: Database, id: string, transaction?: Transaction): Promise<StoredFile | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.sequelize.query<FileRow>('SELECT id, sha256, size_bytes, media_type, original_name, storage_key, created_at FROM files WHERE id = $1', {
    bind: [id],
    transaction,
    type: QueryTypes.SELECT,
  });
  return row ? toStoredFile(row) : null;
}

/**
 * The bytes and metadata of a registered file, after checking that the bytes still hash to the
 * digest recorded at intake. Throws FileStoreError FILE_NOT_FOUND or FILE_CORRUPTED.
 */
export async function readFile(db: Database, id: string, transaction?: Transaction): Promise<StoredFile & { bytes: Buffer }> {
  const notFound = () => new FileStoreError('FILE_NOT_FOUND', `Không tìm thấy tệp ${id} (file not found)`);
  if (!UUID.test(id)) throw notFound();
  const [row] = await db.sequelize.query<FileRow & { content: Buffer | null }>(
    `SELECT f.id, f.sha256, f.size_bytes, f.media_type, f.original_name, f.storage_key, f.created_at, c.content
       FROM files f LEFT JOIN file_contents c ON c.storage_key = f.storage_key WHERE f.id = $1`,
    { bind: [id], transaction, type: QueryTypes.SELECT },
  );
  if (!row) throw notFound();
  const file = toStoredFile(row);
  const corrupted = (why: string) =>
    new FileStoreError('FILE_CORRUPTED', `Tệp "${file.originalName}" (${id}) bị hỏng trong kho lưu trữ: ${why} (stored file is corrupted)`);
  if (!row.content) throw corrupted('mất nội dung');
  const actual = sha256Hex(row.content);
  if (actual !== file.sha256) throw corrupted(`SHA-256 hiện tại ${actual} khác giá trị ghi nhận ${file.sha256}`);
  if (row.content.length !== file.sizeBytes) throw corrupted(`kích thước ${row.content.length} khác ${file.sizeBytes}`);
  return { ...file, bytes: row.content };
}

export type DigestCheck =
  | { ok: true; sha256: string }
  | { ok: false; sha256: string; declared: string; reason: 'malformed' | 'mismatch'; message: string };

/**
 * Integrity check of R-REC-2: do these bytes have the SHA-256 the sender declared? The
 * declaration may be hex (any case) or base64, as XML signatures write digests.
 */
export function verifyDigest(bytes: Buffer | Uint8Array, declaredSha256: string): DigestCheck {
  const sha256 = sha256Hex(bytes);
  const declared = normalizeDigest(declaredSha256);
  if (declared === null) {
    return { ok: false, sha256, declared: declaredSha256, reason: 'malformed', message: 'Giá trị SHA-256 khai báo không hợp lệ (declared SHA-256 is malformed)' };
  }
  if (declared !== sha256) {
    return {
      ok: false,
      sha256,
      declared,
      reason: 'mismatch',
      message: `SHA-256 của tệp (${sha256}) khác giá trị bên gửi khai báo (${declared}): tệp đã bị thay đổi hoặc hỏng khi truyền (digest mismatch)`,
    };
  }
  return { ok: true, sha256 };
}

function normalizeDigest(value: string): string | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return trimmed.toLowerCase();
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return Buffer.from(trimmed, 'base64').toString('hex');
  return null;
}

function toStoredFile(row: FileRow): StoredFile {
  return {
    id: row.id,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    mediaType: row.media_type,
    originalName: row.original_name,
    storageKey: row.storage_key,
    createdAt: row.created_at,
  };
}

function asBuffer(bytes: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
