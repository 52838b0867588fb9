// The files of a document (R-FMT-3): main file first, each downloadable through the API with the
// bearer token (with its progress), PDFs previewable in the page; size and SHA-256 digest for the
// record; next to each file the digital-signature verdict (R-REC-2, R-DOC-4, R-OUT-1): of an
// incoming document's main file from its receipt check, of an outgoing one's from the signature
// verified at drafting; attachments are not signature-checked.
import { useState, type ReactElement } from 'react';
import { Chip, List, ListItem, ListItemIcon, ListItemText, Stack, Tooltip, Typography } from '@mui/material';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import DownloadIcon from '@mui/icons-material/Download';
import GppBadIcon from '@mui/icons-material/GppBad';
import GppGoodIcon from '@mui/icons-material/GppGood';
import GppMaybeIcon from '@mui/icons-material/GppMaybe';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import { Button, useRecordContext, useResourceContext, useTranslate } from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import type { CheckResult, DocumentFile, IncomingDocument, OutgoingDocument } from '../types';
import { ApiFileButton } from './ApiFileButton';
import { FilePreview } from './FilePreview';
import { fileIdOf, fileNameOf } from './documentStates';

const sizeLabel = (bytes: number | undefined) => {
    if (bytes === undefined || bytes === null) return '';
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

const isPdfFile = (file: DocumentFile) => file.mediaType === 'application/pdf' || /\.pdf$/i.test(fileNameOf(file));

const DownloadButton = ({ file }: { file: DocumentFile }) => (
    <ApiFileButton
        label="app.document.files.download"
        path={`/files/${encodeURIComponent(fileIdOf(file))}`}
        name={fileNameOf(file)}
        icon={<DownloadIcon />}
        testId={`file-download-${fileIdOf(file)}`}
    />
);

/** valid / invalid / warning (e.g. a paper scan), pending (checks not done yet), unchecked (attachments). */
export type SignatureVerdict = 'valid' | 'invalid' | 'warning' | 'pending' | 'unchecked';

const VERDICT_CHIP: Record<SignatureVerdict, { color: 'success' | 'error' | 'warning' | 'default'; icon?: ReactElement }> = {
    valid: { color: 'success', icon: <GppGoodIcon /> },
    invalid: { color: 'error', icon: <GppBadIcon /> },
    warning: { color: 'warning', icon: <GppMaybeIcon /> },
    pending: { color: 'default' },
    unchecked: { color: 'default' },
};

const signatureCheckOf = (record: IncomingDocument): CheckResult | null => {
    const raw = record.checks;
    const list: CheckResult[] = Array.isArray(raw) ? raw : (raw?.checks ?? []);
    return list.find(c => c.check === 'signature') ?? null;
};

/** The verdict of one file and the explanation for its tooltip. */
export const useSignatureVerdict = () => {
    const resource = useResourceContext();
    const record = useRecordContext<IncomingDocument | OutgoingDocument>();
    const translate = useTranslate();
    return (main: boolean): { verdict: SignatureVerdict; detail: string | null } => {
        if (!main || !record) return { verdict: 'unchecked', detail: null };
        if (resource === 'incoming') {
            const check = signatureCheckOf(record as IncomingDocument);
            if (!check) return { verdict: 'pending', detail: null };
            const verdict: SignatureVerdict = check.outcome === 'passed' ? 'valid' : check.outcome === 'failed' ? 'invalid' : 'warning';
            return { verdict, detail: check.detail };
        }
        const outgoing = record as OutgoingDocument;
        if (outgoing.legalValidity === 'legally_valid') {
            const parts = [outgoing.signerName, outgoing.signedAt ? translate('app.document.files.signed_at', { at: formatDateTimeVN(outgoing.signedAt) }) : null].filter(Boolean);
            return { verdict: 'valid', detail: parts.join(', ') || null };
        }
        return { verdict: outgoing.legalValidity ? 'invalid' : 'pending', detail: translate('app.outgoing.unsigned_banner') };
    };
};

const SignatureChip = ({ file, main }: { file: DocumentFile; main: boolean }) => {
    const translate = useTranslate();
    const { verdict, detail } = useSignatureVerdict()(main);
    const chip = (
        <Chip
            size="small"
            variant={verdict === 'unchecked' || verdict === 'pending' ? 'outlined' : 'filled'}
            color={VERDICT_CHIP[verdict].color}
            icon={VERDICT_CHIP[verdict].icon}
            label={translate(`app.document.files.signature.${verdict}`)}
            data-testid={`file-signature-${fileIdOf(file)}`}
            data-verdict={verdict}
        />
    );
    return detail ? <Tooltip title={detail}>{chip}</Tooltip> : chip;
};

export const DocumentFiles = () => {
    const record = useRecordContext<{ files?: DocumentFile[] }>();
    const translate = useTranslate();
    const [previewId, setPreviewId] = useState<string | null>(null);
    const files = [...(record?.files ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    if (!files.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.document.files.none')}
            </Typography>
        );
    }
    const previewed = files.find(f => fileIdOf(f) === previewId) ?? null;
    return (
        <>
            <List dense disablePadding data-testid="document-files">
                {files.map((file, index) => {
                    const main = file.role ? file.role === 'main' : index === 0;
                    const id = fileIdOf(file);
                    const open = previewId === id;
                    return (
                        <ListItem
                            key={`${file.position ?? index}-${id}`}
                            secondaryAction={
                                <Stack direction="row" spacing={0.5}>
                                    {isPdfFile(file) && (
                                        <Button
                                            label={open ? 'app.document.files.preview_close' : 'app.document.files.preview'}
                                            onClick={() => setPreviewId(open ? null : id)}
                                            data-testid={`file-preview-${id}`}
                                            aria-expanded={open}
                                        >
                                            {open ? <VisibilityOffIcon /> : <VisibilityIcon />}
                                        </Button>
                                    )}
                                    <DownloadButton file={file} />
                                </Stack>
                            }
                            disableGutters
                            sx={{ pr: 28 }}
                        >
                            <ListItemIcon sx={{ minWidth: 36 }}>{main ? <PictureAsPdfIcon color="error" /> : <AttachFileIcon />}</ListItemIcon>
                            <ListItemText
                                primary={
                                    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                                        <span>{fileNameOf(file)}</span>
                                        <Chip size="small" variant="outlined" label={translate(main ? 'app.document.files.main' : 'app.document.files.attachment')} />
                                        <SignatureChip file={file} main={main} />
                                    </Stack>
                                }
                                secondary={
                                    <Tooltip title={file.sha256 ? `SHA-256 ${file.sha256}` : ''}>
                                        <span>
                                            {[sizeLabel(file.sizeBytes), file.mediaType, file.sha256 ? `SHA-256 ${file.sha256.slice(0, 12)}…` : null]
                                                .filter(Boolean)
                                                .join(' · ')}
                                        </span>
                                    </Tooltip>
                                }
                                slotProps={{ primary: { component: 'div' } }}
                            />
                        </ListItem>
                    );
                })}
            </List>
            {previewed && <FilePreview key={fileIdOf(previewed)} fileId={fileIdOf(previewed)} name={fileNameOf(previewed)} />}
        </>
    );
};
