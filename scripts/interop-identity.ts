/**
 * `npm run interop:identity`: makes this system's self-signed interop certificate at
 * INTEROP_KEY_FILE / INTEROP_CERT_FILE (in DATA_DIR) unless both exist, and prints its SHA-256
 * fingerprint — what peer systems register. `npm start` does the same on first start.
 */
import fs from 'node:fs';
import { fingerprintOfDer } from '../activities/interop/certificates';
import { interopFiles } from '../activities/interop/identity';
import { loadConfig } from '../config';
import { ensureInteropIdentity } from './lib/interop-identity';
import crypto from 'node:crypto';

const config = loadConfig();
const files = interopFiles(config);
const { created } = ensureInteropIdentity(files, { commonName: process.env.INTEROP_COMMON_NAME ?? 'He thong QLVB (lien thong)', organization: process.env.INTEROP_ORGANIZATION });
const cert = new crypto.X509Certificate(fs.readFileSync(files.certFile));
process.stdout.write(`${created ? 'made' : 'kept'} ${files.certFile}\nsubject: ${cert.subject}\nvalid to: ${cert.validTo}\nSHA-256 fingerprint: ${fingerprintOfDer(cert.raw)}\n`);
