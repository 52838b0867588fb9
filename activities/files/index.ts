/**
 * File intake (R-FMT-3): SHA-256 on entry, content-addressed immutable storage in PostgreSQL,
 * digest re-verified on every read, declared-digest check for R-REC-2. Imports db/ and domain/.
 */
export {
  FileStoreError,
  getFileMetadata,
  readFile,
  sha256Hex,
  storageKeyFor,
  storeFile,
  verifyDigest,
  type DigestCheck,
  type FileIntake,
  type FileStoreErrorCode,
  type StoredFile,
} from './file-store';
