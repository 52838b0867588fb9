// A button that opens a file of the API (a document's file, a printable copy) with the bearer
// token; disabled while it loads, the server's refusal shown as a notification.
import { useState, type ReactElement } from 'react';
import { Button, useNotify } from 'react-admin';
import { openApiFile } from './openBlob';

export const ApiFileButton = ({ label, path, name, icon, testId }: { label: string; path: string; name: string; icon: ReactElement; testId: string }) => {
    const notify = useNotify();
    const [busy, setBusy] = useState(false);
    return (
        <Button
            label={label}
            disabled={busy}
            onClick={async () => {
                setBusy(true);
                try {
                    await openApiFile(path, name);
                } catch (error) {
                    notify((error as Error)?.message || 'app.document.files.download_error', { type: 'error' });
                } finally {
                    setBusy(false);
                }
            }}
            data-testid={testId}
        >
            {icon}
        </Button>
    );
};
