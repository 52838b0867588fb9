// A registered peer system (R-SEC-1, SPEC §8) as GET /api/peers returns it, and how close its
// certificate is to the end of its validity.
import type { RaRecord } from 'react-admin';

export interface PeerCertificateSummary {
    subject: string;
    issuer: string;
    validFrom: string;
    validTo: string;
}

export interface Peer extends RaRecord<string> {
    name: string;
    endpointUrl: string;
    organizationCodes: string[];
    certificatePem: string;
    /** Lower-case hex SHA-256 of the certificate's DER bytes: how the peer is recognized. */
    fingerprint: string;
    active: boolean;
    certificate: PeerCertificateSummary;
    createdAt: string;
    updatedAt: string;
}

export type CertificateStatus = 'valid' | 'expiring' | 'expired' | 'not_yet_valid';

/** Warn this many days before the certificate ends (the admin home warns at the same point). */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export const certificateStatus = (certificate: PeerCertificateSummary | undefined, now = Date.now()): CertificateStatus | null => {
    if (!certificate) return null;
    const from = new Date(certificate.validFrom).getTime();
    const to = new Date(certificate.validTo).getTime();
    if (Number.isNaN(from) || Number.isNaN(to)) return null;
    if (to <= now) return 'expired';
    if (from > now) return 'not_yet_valid';
    return to - now <= EXPIRY_WARNING_DAYS * DAY_MS ? 'expiring' : 'valid';
};

/** Whole days left until the certificate ends (0 on its last day). */
export const daysLeft = (certificate: PeerCertificateSummary, now = Date.now()): number =>
    Math.max(0, Math.floor((new Date(certificate.validTo).getTime() - now) / DAY_MS));

/** `ab12cd34…ef56` for tables; the show page has the whole value. */
export const shortFingerprint = (fingerprint: string | undefined): string =>
    fingerprint && fingerprint.length > 20 ? `${fingerprint.slice(0, 12)}…${fingerprint.slice(-6)}` : (fingerprint ?? '');

