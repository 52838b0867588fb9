/**
 * File contents and immutability (R-FMT-3). Contents live in PostgreSQL (`bytea`), addressed by
 * their SHA-256: identical bytes are stored once, while every intake keeps its own `files` row
 * (its own name, time, media type). The database itself guarantees what R-FMT-3 promises:
 * - a content row's key IS the SHA-256 of its bytes (CHECK, computed by PostgreSQL);
 * - a `files` row points at the content with its own digest (FK + CHECK);
 * - neither table accepts UPDATE, DELETE or TRUNCATE (triggers). A deliberate data repair has to
 *   disable the trigger in its own migration, visibly.
 * Refines 0002: `files.storage_key` was UNIQUE, which content addressing replaces with an FK.
 */
import type { Migration } from '../migrate';

export const up: Migration = async ({ context: sql }) => {
  await sql.query(`
    CREATE TABLE file_contents (
      storage_key text PRIMARY KEY,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT file_contents_key_is_digest CHECK (storage_key = 'sha256:' || encode(sha256(content), 'hex'))
    );
    -- Out of line and uncompressed: PDF, JPEG and the zip-based office formats are compressed
    -- already, so pglz would spend CPU for nothing on every write.
    ALTER TABLE file_contents ALTER COLUMN content SET STORAGE EXTERNAL;

    ALTER TABLE files DROP CONSTRAINT files_storage_key_key;
    ALTER TABLE files
      ADD CONSTRAINT files_storage_key_fkey FOREIGN KEY (storage_key) REFERENCES file_contents(storage_key),
      ADD CONSTRAINT files_storage_key_is_sha256 CHECK (storage_key = 'sha256:' || sha256);
    CREATE INDEX files_storage_key_idx ON files(storage_key);

    CREATE FUNCTION forbid_file_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% on %: files are immutable once registered (R-FMT-3)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
    END $$;
    CREATE TRIGGER files_immutable BEFORE UPDATE OR DELETE ON files
      FOR EACH ROW EXECUTE FUNCTION forbid_file_change();
    CREATE TRIGGER files_no_truncate BEFORE TRUNCATE ON files
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_file_change();
    CREATE TRIGGER file_contents_immutable BEFORE UPDATE OR DELETE ON file_contents
      FOR EACH ROW EXECUTE FUNCTION forbid_file_change();
    CREATE TRIGGER file_contents_no_truncate BEFORE TRUNCATE ON file_contents
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_file_change();
  `);
};

export const down: Migration = async ({ context: sql }) => {
  // Going back would throw away every stored file (and 0002 cannot express shared content), so
  // it is only allowed on a database that holds none.
  await sql.query(`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM file_contents) THEN
        RAISE EXCEPTION 'refusing to undo 0005-file-contents: file_contents holds stored files';
      END IF;
    END $$;
    DROP TRIGGER files_immutable ON files;
    DROP TRIGGER files_no_truncate ON files;
    DROP INDEX files_storage_key_idx;
    ALTER TABLE files DROP CONSTRAINT files_storage_key_is_sha256, DROP CONSTRAINT files_storage_key_fkey;
    ALTER TABLE files ADD CONSTRAINT files_storage_key_key UNIQUE (storage_key);
    DROP TABLE file_contents;
    DROP FUNCTION forbid_file_change();
  `);
};
