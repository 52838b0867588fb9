/** Workflow bundle entry: every workflow the worker runs is exported here. */
export { connectionWorkflow } from './connection.workflow';
export { documentChangeWorkflow } from './document-change.workflow';
export { incomingDocumentWorkflow } from './incoming-document.workflow';
export { outgoingDocumentWorkflow } from './outgoing-document.workflow';
export { interopOutboxWorkflow } from './interop-outbox.workflow';
