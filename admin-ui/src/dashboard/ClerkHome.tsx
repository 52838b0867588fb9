// Văn thư's home (SPEC §1, R-REC-2..3, R-OUT-3..4, R-EDX): documents waiting for acceptance with
// their check verdicts — accepted or refused right on the card —, signed drafts not yet issued
// with their send deadline, paper tasks, and interconnection deliveries that failed.
import { Chip, Grid, Stack } from '@mui/material';
import MoveToInboxIcon from '@mui/icons-material/MoveToInbox';
import SendIcon from '@mui/icons-material/Send';
import LocalPostOfficeIcon from '@mui/icons-material/LocalPostOffice';
import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import { Link, RecordContextProvider, useTranslate } from 'react-admin';
import { LegalValidityBadge } from '../documents/DocumentFields';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { AcceptButton, RefuseButton } from '../incoming/IncomingActions';
import { HomeCard, HomeList, HomeSection } from './HomeCard';
import { CheckChips, HomeItem, TaskItem } from './HomeItems';
import { PAPER_STEPS, type ClerkHome as ClerkHomeData } from './homeTypes';
import { listPath } from './useHome';

const ReceptionCard = ({ data }: { data: ClerkHomeData['awaitingReception'] }) => {
    const translate = useTranslate();
    return (
        <HomeCard
            title="app.home.clerk.awaiting_reception"
            icon={<MoveToInboxIcon color="primary" />}
            count={data.total}
            to={listPath('incoming', { status: 'arrived' })}
            testId="home-clerk-reception"
        >
            <HomeList>
                {data.items.map(doc => (
                    <HomeItem
                        key={doc.id}
                        to={`/incoming/${encodeURIComponent(doc.id)}/show`}
                        title={doc.numberAndNotation || translate('app.document.no_number')}
                        summary={[doc.senderName, doc.summary].filter(Boolean).join(' — ')}
                        urgency={doc.urgency}
                        testId={`home-reception-${doc.id}`}
                        chips={
                            <>
                                {doc.receivedAt && <Chip size="small" variant="outlined" label={translate('app.home.clerk.received_at', { at: formatDateTimeVN(doc.receivedAt) })} />}
                                <LegalValidityBadge value={doc.legalValidity} compact />
                                <CheckChips checks={doc.checks} testId={`home-reception-${doc.id}-check`} />
                            </>
                        }
                        action={
                            // The decisions of the document page, on this document (pessimistic, R-REC-3).
                            <RecordContextProvider value={doc}>
                                <Stack spacing={0.5}>
                                    <AcceptButton />
                                    <RefuseButton />
                                </Stack>
                            </RecordContextProvider>
                        }
                    />
                ))}
            </HomeList>
        </HomeCard>
    );
};

export const ClerkHome = ({ data }: { data: ClerkHomeData }) => {
    const translate = useTranslate();
    return (
        <HomeSection title="app.user.role.clerk" hint="app.home.clerk.hint" testId="home-section-clerk">
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <ReceptionCard data={data.awaitingReception} />
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.clerk.awaiting_issue"
                        icon={<SendIcon color="primary" />}
                        count={data.awaitingIssue.total}
                        tone="warning"
                        to={listPath('tasks', { step: 'sending' })}
                        testId="home-clerk-issue"
                    >
                        <HomeList>
                            {data.awaitingIssue.items.map(task => (
                                <TaskItem key={task.id} task={task} showStep={false} testId={`home-issue-${task.id}`} />
                            ))}
                        </HomeList>
                    </HomeCard>
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.clerk.paper_tasks"
                        icon={<LocalPostOfficeIcon color="primary" />}
                        count={data.paperTasks.total}
                        to={listPath('tasks')}
                        testId="home-clerk-paper"
                        subheader={
                            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
                                {PAPER_STEPS.map(step => (
                                    <Chip
                                        key={step}
                                        size="small"
                                        clickable
                                        component={Link}
                                        to={listPath('tasks', { step })}
                                        label={`${translate(`app.document.step.${step}`)}: ${data.paperTasks.byStep[step] ?? 0}`}
                                        data-testid={`home-clerk-paper-${step}`}
                                    />
                                ))}
                            </Stack>
                        }
                    >
                        <HomeList>
                            {data.paperTasks.items.map(task => (
                                <TaskItem key={task.id} task={task} testId={`home-paper-${task.id}`} />
                            ))}
                        </HomeList>
                    </HomeCard>
                </Grid>
                <Grid size={{ xs: 12, lg: 6 }}>
                    <HomeCard
                        title="app.home.clerk.failed_deliveries"
                        icon={<SyncProblemIcon color="error" />}
                        count={data.failedDeliveries.total}
                        tone="error"
                        to={listPath('tasks', { step: 'interop_send' })}
                        empty="app.home.clerk.no_failed_deliveries"
                        testId="home-clerk-failed"
                    >
                        <HomeList>
                            {data.failedDeliveries.items.map(task => (
                                <TaskItem key={task.id} task={{ ...task, summary: task.title ?? task.summary }} showStep={false} testId={`home-failed-${task.id}`} />
                            ))}
                        </HomeList>
                    </HomeCard>
                </Grid>
            </Grid>
        </HomeSection>
    );
};
