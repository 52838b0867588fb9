// Read-only renderings of a peer system (R-SEC-1): its fingerprint (short in tables, whole with a
// copy button on the show page), the validity of its certificate with a warning before it ends,
// the organization codes it serves and whether it is active.
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Box, Chip, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useNotify, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { certificateStatus, daysLeft, shortFingerprint, type Peer } from './peerTypes';

const MONO = { fontFamily: 'monospace' } as const;

export const ShortFingerprintField = (_props: FieldProps) => {
    const record = useRecordContext<Peer>();
    if (!record) return null;
    return (
        <Tooltip title={record.fingerprint}>
            <Typography variant="body2" sx={MONO} data-testid="peer-fingerprint-short">
                {shortFingerprint(record.fingerprint)}
            </Typography>
        </Tooltip>
    );
};

/**
 * Copies with the Clipboard API where the page may use it (https, localhost), else through a
 * selected textarea: a back office reached over plain http on the LAN still copies.
 */
const copyText = async (text: string): Promise<void> => {
    if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return;
    }
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('copy refused');
};

export const FingerprintField = (_props: FieldProps) => {
    const record = useRecordContext<Peer>();
    const translate = useTranslate();
    const notify = useNotify();
    if (!record) return null;
    const copy = () =>
        copyText(record.fingerprint).then(
            () => notify('app.peer.fingerprint_copied', { type: 'info' }),
            () => notify('app.peer.fingerprint_copy_failed', { type: 'warning' }),
        );
    return (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" sx={{ ...MONO, wordBreak: 'break-all' }} data-testid="peer-fingerprint">
                {record.fingerprint}
            </Typography>
            <Tooltip title={translate('app.peer.copy_fingerprint')}>
                <IconButton size="small" onClick={copy} aria-label={translate('app.peer.copy_fingerprint')} data-testid="peer-fingerprint-copy">
                    <ContentCopyIcon fontSize="small" />
                </IconButton>
            </Tooltip>
        </Stack>
    );
};

/** The chip that says whether the certificate is still good, and for how long. */
export const CertificateStatusChip = () => {
    const record = useRecordContext<Peer>();
    const translate = useTranslate();
    if (!record?.certificate) return null;
    const status = certificateStatus(record.certificate);
    if (!status) return null;
    const color = status === 'valid' ? 'success' : status === 'expiring' ? 'warning' : 'error';
    const label = translate(`app.peer.certificate_status.${status}`, { smart_count: daysLeft(record.certificate) });
    return <Chip size="small" color={color} variant={status === 'valid' ? 'outlined' : 'filled'} label={label} data-testid={`peer-certificate-${status}`} />;
};

export const CertificateValidityField = (_props: FieldProps) => {
    const record = useRecordContext<Peer>();
    const translate = useTranslate();
    if (!record?.certificate) return null;
    return (
        <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
            <Typography variant="body2">
                {translate('app.peer.valid_until', { date: formatDateTimeVN(record.certificate.validTo, false) })}
            </Typography>
            <CertificateStatusChip />
        </Stack>
    );
};

/** The first codes as chips, then how many more (a peer may serve a whole province). */
export const OrganizationCodesField = ({ limit = 4 }: FieldProps & { limit?: number }) => {
    const record = useRecordContext<Peer>();
    const translate = useTranslate();
    if (!record) return null;
    const codes = record.organizationCodes ?? [];
    const shown = codes.slice(0, limit);
    return (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
            {shown.map(code => (
                <Chip key={code} size="small" variant="outlined" label={code} sx={MONO} />
            ))}
            {codes.length > shown.length && <Chip size="small" label={translate('app.peer.more_codes', { smart_count: codes.length - shown.length })} />}
        </Box>
    );
};

/** A distinguished name one attribute a line (`C=VN`, `O=…`, `CN=…`), as the server gives it. */
export const DistinguishedNameField = ({ source }: FieldProps & { source: 'subject' | 'issuer' }) => {
    const record = useRecordContext<Peer>();
    const value = record?.certificate?.[source];
    if (!value) return null;
    return (
        <Stack spacing={0}>
            {value.split('\n').map((part, i) => (
                <Typography key={i} variant="body2" sx={{ wordBreak: 'break-all' }}>
                    {part}
                </Typography>
            ))}
        </Stack>
    );
};

export const PeerActiveField = (_props: FieldProps) => {
    const record = useRecordContext<Peer>();
    const translate = useTranslate();
    if (!record) return null;
    return <Chip size="small" color={record.active ? 'success' : 'default'} label={translate(record.active ? 'app.peer.active' : 'app.peer.inactive')} />;
};
