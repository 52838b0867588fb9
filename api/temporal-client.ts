/**
 * The API's Temporal client. The connection is lazy, so the API starts (and answers /api/ready
 * with 503) while Temporal is down, and gRPC retries are bounded (about 1.5 s) so a user waiting
 * on a request gets a clear 503 instead of a twenty-second hang; the request can be repeated.
 */
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

export function createTemporalClient(address: string, namespace: string): { client: Client; connection: Connection } {
  const connection = Connection.lazy({
    address,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))],
  });
  return { client: new Client({ connection, namespace }), connection };
}
