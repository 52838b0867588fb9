/**
 * Digital signatures (R-REC-2 authenticity, R-DOC-4, R-OUT-1): verification of PDF signatures,
 * server-side signing with an organization's PKCS#12, and loading of trust anchors and keystores.
 * Activities that use these take file references, not PDF bytes: Temporal payloads are limited to
 * a few MB.
 */
export { verifyPdfSignatures, type TrustOptions } from './verify';
export { signPdf, signPdfWith, type SignPdfOptions, type SignatureAppearance } from './sign';
export { loadTrustAnchors, loadOrganizationSigner, openKeystore, signatureDirs, type TrustAnchors, type OrganizationSigner } from './keystore';
export { appendIncrementalUpdate } from './incremental';
export type { CertificateInput } from './certificates';
