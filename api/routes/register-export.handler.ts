/**
 * `GET /api/incoming/export` and `GET /api/outgoing/export` (R-DOC-1, R-DOC-2): the register as
 * a CSV or XLSX file, for the list's own filter schema and the caller's scope. Everything that
 * can be refused (query, size) is refused before the first byte; once streaming, a failure can
 * only cut the response short, which the client sees as a broken download, not as a file.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { Direction, DocumentFilter } from '../../db/repositories/documents.repository';
import { callerOf } from '../auth';
import type { Logger } from '../logger';
import { exportQuerySchema } from '../register-search.schemas';
import { EXPORT_MEDIA_TYPES, isClientGone, type RegisterExportService } from '../services/register-export.service';

export function registerExportHandler<F extends z.ZodType<{ id?: string | string[] } & Omit<DocumentFilter, 'ids'>>>(
  direction: Direction,
  filterSchema: F,
  exports: RegisterExportService,
): RequestHandler {
  const schema = exportQuerySchema(filterSchema);
  return async (req, res) => {
    const { format, filter } = schema.parse(req.query);
    const { id, ...rest } = (filter ?? {}) as z.infer<F>;
    const documentFilter: DocumentFilter = { ...rest, ids: id === undefined ? undefined : [id].flat() };
    const caller = callerOf(req);
    await exports.checkSize(caller, direction, documentFilter);
    res.status(200).set({
      'Content-Type': EXPORT_MEDIA_TYPES[format],
      'Content-Disposition': exports.disposition(caller, direction, format),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    try {
      await exports.write(res, caller, direction, documentFilter, format);
    } catch (err) {
      if (!res.headersSent && !isClientGone(err)) {
        // Nothing went out yet: an ordinary problem answer is still possible.
        res.removeHeader('Content-Disposition');
        throw err;
      }
      if (!isClientGone(err)) (req as { log?: Logger }).log?.error({ err }, 'register export failed while streaming');
      res.destroy();
    }
  };
}
