// The frame of an incoming or outgoing document's page: the show view with its actions, the
// header line (status, urgency, legal validity R-DOC-4, the current step's deadline R-DL-2) and
// the files and history sections (R-DOC-3) both directions end with.
import type { ReactElement, ReactNode } from 'react';
import { Stack, Typography } from '@mui/material';
import { Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import type { DocumentDeadline, IncomingDocument, OutgoingDocument } from '../types';
import { DeadlineChip, LegalValidityBadge, UrgencyChip } from './DocumentFields';
import { DocumentFiles } from './DocumentFiles';
import { DocumentSection } from './DocumentSection';
import { DocumentTimeline } from './DocumentTimeline';
import { stepDeadlineTone } from './documentStates';

/** A document's show page: its title, its decisions in the top toolbar, its detail. */
export const DocumentShow = ({ title, actions, children }: { title: ReactElement; actions: ReactElement; children: ReactElement }) => (
    <Show title={title} actions={<TopToolbar>{actions}</TopToolbar>}>
        {children}
    </Show>
);

/** The line above the metadata: the status chip, urgency, legal validity, then the deadline. */
export const DocumentHeader = ({ status, deadline, testId }: { status: ReactNode; deadline: ReactNode; testId: string }) => {
    const record = useRecordContext<IncomingDocument | OutgoingDocument>();
    if (!record) return null;
    return (
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }} data-testid={testId}>
            {status}
            <UrgencyChip urgency={record.urgency} />
            <LegalValidityBadge value={record.legalValidity} />
            {deadline}
        </Stack>
    );
};

/** The current step's deadline, named after its step, in green, amber or red; `children` say what happened to it. */
export const StepDeadline = ({ deadline, testId, children }: { deadline: DocumentDeadline; testId: string; children?: ReactNode }) => {
    const translate = useTranslate();
    const step = deadline.step;
    return (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid={testId}>
            <Typography variant="body2" color="text.secondary">
                {step ? translate('app.document.deadline.of_step', { step: translate(`app.document.step.${step}`, { _: step }) }) : translate('app.document.deadline.title')}
            </Typography>
            <DeadlineChip dueAt={deadline.dueAt} tone={stepDeadlineTone(deadline)} testId={`${testId}-chip`} />
            {children}
        </Stack>
    );
};

/** The sections every document page ends with: its files, then its history. */
export const FilesAndHistory = () => (
    <>
        <DocumentSection title="app.document.files.title">
            <DocumentFiles />
        </DocumentSection>
        <DocumentSection title="app.document.history.title">
            <DocumentTimeline />
        </DocumentSection>
    </>
);
