// How far a download got (useDownloadWithProgress): a bar — determinate when the server announced
// the size — the bytes received, and an optional cancel. DownloadProgressIcon is the small round
// variant for inside a button.
import { Box, CircularProgress, IconButton, LinearProgress, Stack, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useTranslate } from 'react-admin';
import { formatBytes, type DownloadProgressState } from './useDownloadWithProgress';

const label = (translate: ReturnType<typeof useTranslate>, progress: DownloadProgressState) =>
    progress.total
        ? translate('app.download.progress', { loaded: formatBytes(progress.loaded), total: formatBytes(progress.total), percent: progress.percent ?? 0 })
        : translate('app.download.progress_unknown', { loaded: formatBytes(progress.loaded) });

export const DownloadProgress = ({
    progress,
    onCancel,
    testId = 'download-progress',
}: {
    progress: DownloadProgressState | null;
    onCancel?: () => void;
    testId?: string;
}) => {
    const translate = useTranslate();
    if (!progress) return null;
    return (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', width: '100%', minWidth: 200 }} data-testid={testId} data-percent={progress.percent ?? ''}>
            <Box sx={{ flex: 1 }}>
                <LinearProgress
                    variant={progress.percent === null ? 'indeterminate' : 'determinate'}
                    value={progress.percent ?? undefined}
                    aria-label={translate('app.download.in_progress')}
                />
                <Typography variant="caption" color="text.secondary">
                    {label(translate, progress)}
                </Typography>
            </Box>
            {onCancel && (
                <Tooltip title={translate('app.download.cancel')}>
                    <IconButton size="small" onClick={onCancel} aria-label={translate('app.download.cancel')} data-testid={`${testId}-cancel`}>
                        <CloseIcon fontSize="small" />
                    </IconButton>
                </Tooltip>
            )}
        </Stack>
    );
};

/** A round progress the size of a button icon, with the figures as its tooltip. */
export const DownloadProgressIcon = ({ progress }: { progress: DownloadProgressState }) => {
    const translate = useTranslate();
    return (
        <Tooltip title={label(translate, progress)}>
            <CircularProgress
                size={18}
                thickness={5}
                variant={progress.percent === null ? 'indeterminate' : 'determinate'}
                value={progress.percent ?? undefined}
                data-testid="download-progress-icon"
            />
        </Tooltip>
    );
};
