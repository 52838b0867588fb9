/**
 * This system's interop identity from the configuration (R-SEC-1): the PEM certificate and key
 * it signs edXML messages and authenticates to peers with. Missing files → null (the API then
 * refuses edXML export and the outbox waits; the worker says so at start-up).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { InteropSettings } from './interop.activities';
import type { InteropIdentity } from './transport';

export function interopFiles(config: Pick<Config, 'DATA_DIR' | 'INTEROP_KEY_FILE' | 'INTEROP_CERT_FILE'>): { keyFile: string; certFile: string } {
  return { keyFile: path.resolve(config.DATA_DIR, config.INTEROP_KEY_FILE), certFile: path.resolve(config.DATA_DIR, config.INTEROP_CERT_FILE) };
}

export function loadInteropIdentity(config: Pick<Config, 'DATA_DIR' | 'INTEROP_KEY_FILE' | 'INTEROP_CERT_FILE'>): InteropIdentity | null {
  const { keyFile, certFile } = interopFiles(config);
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) return null;
  return { keyPem: fs.readFileSync(keyFile, 'utf8'), certPem: fs.readFileSync(certFile, 'utf8') };
}

export function interopSettings(config: Config): InteropSettings {
  return { identity: loadInteropIdentity(config), giveUpAfterMs: config.INTEROP_GIVE_UP_HOURS * 60 * 60 * 1000 };
}
