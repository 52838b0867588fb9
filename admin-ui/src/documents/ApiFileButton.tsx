// A button that opens a file of the API (a document's file, a printable copy) with the bearer
// token; while it loads the icon turns into the download's progress and the button is disabled;
// the server's refusal is shown as a notification.
import type { ReactElement } from 'react';
import { Button, useNotify } from 'react-admin';
import { DownloadProgressIcon } from '../fields/DownloadProgress';
import { useDownloadWithProgress } from '../fields/useDownloadWithProgress';
import { openApiFile } from './openBlob';

export const ApiFileButton = ({ label, path, name, icon, testId }: { label: string; path: string; name: string; icon: ReactElement; testId: string }) => {
    const notify = useNotify();
    const { run, progress } = useDownloadWithProgress();
    return (
        <Button
            label={label}
            disabled={!!progress}
            onClick={async () => {
                try {
                    await openApiFile(path, name, p => run(p, blob => blob));
                } catch (error) {
                    notify((error as Error)?.message || 'app.document.files.download_error', { type: 'error' });
                }
            }}
            data-testid={testId}
            data-busy={progress ? 'true' : 'false'}
        >
            {progress ? <DownloadProgressIcon progress={progress} /> : icon}
        </Button>
    );
};
