/**
 * createApp(deps): the Express application without `listen`, so tests run it in-process against
 * a real PostgreSQL and Temporal. Routes are thin; services hold the use cases.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import { QueryTypes } from 'sequelize';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Database } from '../db/database';
import type { Role } from '../db/models';
import { createAuditRepository } from '../db/repositories/audit.repository';
import { createDepartmentsRepository } from '../db/repositories/departments.repository';
import { createDocumentsRepository } from '../db/repositories/documents.repository';
import { createHomeRepository } from '../db/repositories/home.repository';
import { createOrganizationsRepository } from '../db/repositories/organizations.repository';
import { createPaperRulesRepository } from '../db/repositories/paper-rules.repository';
import { createPeersRepository } from '../db/repositories/peers.repository';
import { createReportsRepository } from '../db/repositories/reports.repository';
import { createRoutingRulesRepository } from '../db/repositories/routing-rules.repository';
import { createUsersRepository } from '../db/repositories/users.repository';
import { toVietnamIso } from '../domain/time';
import { requireAuth, type CallerState, type TokenService } from './auth';
import type { InteropIdentity } from '../activities/interop/transport';
import type { Logger } from './logger';
import { auditTrail } from './middleware/audit';
import { openApiDocument } from './openapi';
import { problemMiddleware, problems } from './problem';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { connectionsRoutes } from './routes/connections.routes';
import { departmentsRoutes } from './routes/departments.routes';
import { documentTypesRoutes } from './routes/document-types.routes';
import { documentsRoutes } from './routes/documents.routes';
import { healthRoutes } from './routes/health.routes';
import { homeRoutes } from './routes/home.routes';
import { incomingRoutes } from './routes/incoming.routes';
import { notificationsRoutes } from './routes/notifications.routes';
import { organizationsRoutes } from './routes/organizations.routes';
import { outgoingRoutes } from './routes/outgoing.routes';
import { interopRoutes } from './routes/interop.routes';
import { paperRulesRoutes } from './routes/paper-rules.routes';
import { peersRoutes } from './routes/peers.routes';
import { registersRoutes } from './routes/registers.routes';
import { reportsRoutes } from './routes/reports.routes';
import { routingRulesRoutes } from './routes/routing-rules.routes';
import { tasksRoutes } from './routes/tasks.routes';
import { usersRoutes } from './routes/users.routes';
import { createConnectionProcesses, type ConnectionProcessSettings } from './services/connection-processes';
import { createConnectionsService } from './services/connections.service';
import { createDeadlineProcesses } from './services/deadline-processes';
import { createDepartmentsService } from './services/departments.service';
import { createDocumentProcesses, type DocumentProcessSettings } from './services/document-processes';
import { createDocumentsService } from './services/documents.service';
import { createHomeService } from './services/home.service';
import { createIncomingService } from './services/incoming.service';
import { createInteropService } from './services/interop.service';
import { createOutgoingService } from './services/outgoing.service';
import { createRegisterExportService } from './services/register-export.service';
import { createReportsService } from './services/reports.service';
import { createRoutingRulesService } from './services/routing-rules.service';
import { createTasksService } from './services/tasks.service';
import { createOrganizationsService } from './services/organizations.service';
import { createUsersService } from './services/users.service';

export interface AppDeps {
  db: Database;
  temporal: Client;
  tokens: TokenService;
  log: Logger;
  connection: ConnectionProcessSettings;
  /** Document processes (SPEC §7.1–7.5): task queue, upload limits, trust anchors. */
  documents: DocumentProcessSettings;
  /** Built back office (admin-ui/dist); served at / when present. */
  uiDir?: string;
  loginLimit?: number;
  httpLog?: boolean;
  /** Interconnection (SPEC §8): this system's interop certificate and the largest package accepted. */
  interop?: { identity: InteropIdentity | null; maxBytes: number };
}

export function createApp(deps: AppDeps): Express {
  const { db, log } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // R-TIME-1: every Date leaves the API as ISO 8601 with +07:00.
  app.set('json replacer', function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? toVietnamIso(raw) : value;
  });
  // frame-src blob:: the back office previews a document's PDF it fetched with the token (documents/FilePreview).
  app.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null, 'frame-src': ["'self'", 'blob:'] } } }));
  if (deps.httpLog !== false) app.use(pinoHttp({ logger: log, autoLogging: { ignore: (req) => req.url === '/api/health' } }));
  // R-SEC-3: before the parsers, so a body refused by them is recorded too; it reads the caller,
  // route and body only when the response ends.
  const auditRepo = createAuditRepository(db);
  const trail = auditTrail(auditRepo, log);
  app.use(trail);
  // The API process waits for the last audit entries on shutdown through this.
  app.locals.audit = trail;
  // R-SEC-4: bytes that are not UTF-8 would be decoded to U+FFFD and stored; refuse them instead.
  app.use(
    express.json({
      limit: '1mb',
      verify: (_req, _res, buf, encoding) => {
        if (/^utf-?8$/i.test(encoding) && !isUtf8(buf)) throw problems.badRequest('Nội dung JSON không phải UTF-8 hợp lệ (body is not valid UTF-8)');
      },
    }),
  );

  const repo = createOrganizationsRepository(db);
  const processes = createConnectionProcesses(deps.temporal, deps.connection);
  const organizations = createOrganizationsService({ repo, processes, log });
  const connections = createConnectionsService({ repo, processes, deadline: deps.connection.deadline });
  const health = healthRoutes({ db, temporal: deps.temporal });
  const auth = authRoutes({ db, tokens: deps.tokens, loginLimit: deps.loginLimit ?? 10 });

  const documentsRepo = createDocumentsRepository(db);
  const documentProcesses = createDocumentProcesses(deps.temporal, deps.documents);
  const documents = createDocumentsService({ db, repo: documentsRepo });
  const outgoing = createOutgoingService({ db, repo: documentsRepo, documents, processes: documentProcesses, settings: deps.documents });
  const incoming = createIncomingService({ db, repo: documentsRepo, documents, processes: documentProcesses, settings: deps.documents });
  const deadlines = createDeadlineProcesses({ repo: documentsRepo, processes: documentProcesses, log });
  const upload = { fileMaxBytes: deps.documents.formatLimits.fileMaxBytes, maxFiles: deps.documents.maxFiles };
  // Tests wait for the calendar-change notification through this.
  app.locals.deadlines = deadlines;
  const peers = createPeersRepository(db);
  const interopSettings = { identity: deps.interop?.identity ?? null, maxBytes: deps.interop?.maxBytes ?? 300 * 1024 * 1024 };
  const interop = createInteropService({
    db,
    peers,
    temporal: deps.temporal,
    processes: documentProcesses,
    documents,
    settings: { ...interopSettings, formatLimits: deps.documents.formatLimits, taskQueue: deps.documents.taskQueue },
    log,
  });
  const interopApi = interopRoutes({ interop, maxBytes: interopSettings.maxBytes });
  // The API process reconciles the peers' outbox processes through this.
  app.locals.interop = interop;

  const api = express.Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  api.use(health.api);
  api.use(auth.public);
  // Peer systems, not users: authenticated by mutual TLS and the package signature (R-SEC-1).
  api.use(interopApi.public);
  api.use(requireAuth(deps.tokens, (id) => loadCaller(db, id)));
  api.use(auth.private);
  api.use(organizationsRoutes(organizations));
  api.use(connectionsRoutes(connections));
  api.use(notificationsRoutes(db));
  api.use(usersRoutes(createUsersService({ repo: createUsersRepository(db) }), { passwordChangeLimit: deps.loginLimit ?? 10, tokens: deps.tokens }));
  api.use(documentTypesRoutes(db));
  api.use(departmentsRoutes({ departments: createDepartmentsService({ repo: createDepartmentsRepository(db) }) }));
  api.use(calendarRoutes(db, { onChange: (what) => deadlines.notifyCalendarChanged(what) }));
  api.use(registersRoutes(db));
  const registerExports = createRegisterExportService({ repo: documentsRepo });
  api.use(outgoingRoutes({ documents, outgoing, upload, exports: registerExports }));
  api.use(incomingRoutes({ documents, incoming, upload, exports: registerExports }));
  api.use(documentsRoutes({ documents }));
  api.use(tasksRoutes({ tasks: createTasksService({ repo: documentsRepo }) }));
  api.use(homeRoutes({ home: createHomeService({ documents: documentsRepo, home: createHomeRepository(db), peers }) }));
  api.use(routingRulesRoutes({ rules: createRoutingRulesService({ rules: createRoutingRulesRepository(db), documents: documentsRepo }) }));
  api.use(interopApi.private);
  api.use(peersRoutes({ repo: peers, documents: documentsRepo, interop }));
  api.use(paperRulesRoutes({ repo: createPaperRulesRepository(db), documents: documentsRepo }));
  api.use(reportsRoutes({ reports: createReportsService({ repo: createReportsRepository(db) }) }));
  api.use(auditRoutes({ repo: auditRepo }));
  api.use((_req, _res, next) => next(problems.notFound('Đường dẫn API')));
  app.use('/api', api);
  app.use(health.metrics);

  if (deps.uiDir && fs.existsSync(path.join(deps.uiDir, 'index.html'))) {
    const index = path.join(deps.uiDir, 'index.html');
    app.use(express.static(deps.uiDir, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(index));
  }
  app.use(problemMiddleware(log));
  return app;
}

async function loadCaller(db: Database, id: string): Promise<CallerState | null> {
  const [u] = await db.sequelize.query<{
    id: string;
    username: string;
    full_name: string;
    organization_code: string;
    supervises_code: string | null;
    roles: Role[];
    tokens_not_before: Date | null;
  }>(
    `SELECT id, username, full_name, organization_code, supervises_code, roles,
            GREATEST(password_changed_at, sessions_revoked_at) AS tokens_not_before
       FROM users WHERE id = ? AND active`,
    {
      replacements: [id],
      type: QueryTypes.SELECT,
    },
  );
  return u
    ? {
        caller: { id: u.id, username: u.username, fullName: u.full_name, organizationCode: u.organization_code, supervisesCode: u.supervises_code, roles: u.roles },
        tokensNotBefore: u.tokens_not_before,
      }
    : null;
}
