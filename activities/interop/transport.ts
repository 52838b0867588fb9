/**
 * Sending an edXML message to a peer system (R-SEC-1): HTTPS with our interop certificate as the
 * client certificate (mutual TLS), the peer's server pinned to the certificate it is registered
 * with — nothing is written to a server that is not that peer. A plain http:// endpoint is
 * allowed only because every message is signed and checked on arrival; production peers use
 * https. Node's http(s) only; no retries here (the outbox process retries).
 */
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { fingerprintOfDer, parsePeerCertificate } from './certificates';

export interface InteropIdentity {
  keyPem: string;
  certPem: string;
}

export interface PeerEndpoint {
  endpointUrl: string;
  certificatePem: string;
  fingerprint: string;
}

export interface PeerAnswer {
  status: number;
  body: string;
}

/** A failure to reach the peer at all (refused, reset, timeout, wrong certificate). */
export class PeerUnreachableError extends Error {}

const MAX_ANSWER_BYTES = 64 * 1024;

export function postToPeer(peer: PeerEndpoint, path: string, xml: string, identity: InteropIdentity, timeoutMs: number): Promise<PeerAnswer> {
  const url = new URL(path.replace(/^\//, ''), peer.endpointUrl.endsWith('/') ? peer.endpointUrl : `${peer.endpointUrl}/`);
  const body = Buffer.from(xml, 'utf8');
  const headers = { 'content-type': 'application/xml; charset=utf-8', 'content-length': String(body.length) };
  return new Promise<PeerAnswer>((resolve, reject) => {
    const fail = (err: Error) => reject(err instanceof PeerUnreachableError ? err : new PeerUnreachableError(`${url.origin}: ${err.message}`));
    let req: http.ClientRequest;
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    };
    if (url.protocol === 'https:') {
      const chain = parsePeerCertificate(peer.certificatePem).chainPem;
      req = https.request(url, {
        method: 'POST',
        headers,
        key: identity.keyPem,
        cert: identity.certPem,
        ca: chain,
        // The peer is pinned below, by the certificate it is registered with.
        rejectUnauthorized: false,
        timeout: timeoutMs,
        agent: false,
      }, onResponse);
      req.on('socket', (socket) => {
        socket.once('secureConnect', () => {
          const der = (socket as TLSSocket).getPeerCertificate()?.raw;
          if (!der || fingerprintOfDer(der) !== peer.fingerprint) {
            req.destroy(new PeerUnreachableError(`${url.origin}: máy chủ không dùng chứng thư đã đăng ký (server certificate does not match the registered peer)`));
            return;
          }
          req.end(body);
        });
      });
    } else {
      req = http.request(url, { method: 'POST', headers, timeout: timeoutMs, agent: false }, onResponse);
      req.end(body);
    }
    req.on('timeout', () => req.destroy(new PeerUnreachableError(`${url.origin}: hết thời gian chờ (timed out after ${timeoutMs} ms)`)));
    req.on('error', fail);
  });
}
