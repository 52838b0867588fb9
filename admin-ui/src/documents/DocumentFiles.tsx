// The files of a document (R-FMT-3): main file first, each downloadable through the API with the
// bearer token; size and SHA-256 digest for the record.
import { Chip, List, ListItem, ListItemIcon, ListItemText, Tooltip, Typography } from '@mui/material';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import DownloadIcon from '@mui/icons-material/Download';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useRecordContext, useTranslate } from 'react-admin';
import type { DocumentFile } from '../types';
import { ApiFileButton } from './ApiFileButton';
import { fileIdOf, fileNameOf } from './documentStates';

const sizeLabel = (bytes: number | undefined) => {
    if (bytes === undefined || bytes === null) return '';
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

const DownloadButton = ({ file }: { file: DocumentFile }) => (
    <ApiFileButton
        label="app.document.files.download"
        path={`/files/${encodeURIComponent(fileIdOf(file))}`}
        name={fileNameOf(file)}
        icon={<DownloadIcon />}
        testId={`file-download-${fileIdOf(file)}`}
    />
);

export const DocumentFiles = () => {
    const record = useRecordContext<{ files?: DocumentFile[] }>();
    const translate = useTranslate();
    const files = [...(record?.files ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
    if (!files.length) {
        return (
            <Typography variant="body2" color="text.secondary">
                {translate('app.document.files.none')}
            </Typography>
        );
    }
    return (
        <List dense disablePadding data-testid="document-files">
            {files.map((file, index) => {
                const main = file.role ? file.role === 'main' : index === 0;
                return (
                    <ListItem key={`${file.position ?? index}-${fileIdOf(file)}`} secondaryAction={<DownloadButton file={file} />} disableGutters>
                        <ListItemIcon sx={{ minWidth: 36 }}>{main ? <PictureAsPdfIcon color="error" /> : <AttachFileIcon />}</ListItemIcon>
                        <ListItemText
                            primary={
                                <>
                                    {fileNameOf(file)}{' '}
                                    <Chip
                                        size="small"
                                        variant="outlined"
                                        label={translate(main ? 'app.document.files.main' : 'app.document.files.attachment')}
                                        sx={{ ml: 1 }}
                                    />
                                </>
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
                        />
                    </ListItem>
                );
            })}
        </List>
    );
};
