// Export of the report shown (R-RPT-3): CSV, XLSX and the printable PDF, fetched with the bearer
// token and saved under the server's file name. A button shows a spinner while its file is being
// generated; the server's refusal is shown as a notification.
import { useState } from 'react';
import DescriptionIcon from '@mui/icons-material/Description';
import GridOnIcon from '@mui/icons-material/GridOn';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Button, ButtonGroup, CircularProgress } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { downloadExchangeReport } from './reportApi';
import { REPORT_FORMATS, type ReportFormat, type ReportQuery } from './reportTypes';

const ICONS: Record<ReportFormat, typeof DescriptionIcon> = { csv: DescriptionIcon, xlsx: GridOnIcon, pdf: PictureAsPdfIcon };

export const ExportButtons = ({ query }: { query: ReportQuery }) => {
    const translate = useTranslate();
    const notify = useNotify();
    const [busy, setBusy] = useState<ReportFormat | null>(null);
    const download = async (format: ReportFormat) => {
        setBusy(format);
        try {
            await downloadExchangeReport(query, format);
        } catch (error) {
            notify((error as Error)?.message || 'app.report.export_error', { type: 'error' });
        } finally {
            setBusy(null);
        }
    };
    return (
        <ButtonGroup variant="outlined" size="small" aria-label={translate('app.report.export')}>
            {REPORT_FORMATS.map(format => {
                const Icon = ICONS[format];
                return (
                    <Button
                        key={format}
                        onClick={() => void download(format)}
                        disabled={busy !== null}
                        startIcon={busy === format ? <CircularProgress size={16} data-testid={`report-export-${format}-progress`} /> : <Icon />}
                        data-testid={`report-export-${format}`}
                    >
                        {busy === format ? translate('app.report.generating') : translate(`app.report.format.${format}`)}
                    </Button>
                );
            })}
        </ButtonGroup>
    );
};
