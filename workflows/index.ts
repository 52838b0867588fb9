/** Workflow bundle entry: every workflow the worker runs is exported here. */
export { connectionWorkflow } from './connection.workflow';
