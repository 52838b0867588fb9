// Lãnh đạo's home (SPEC §1, R-ROUTE-1..2, R-DL-2): documents waiting to be routed or assigned —
// assigned right on the card —, and the overdue work of the unit.
import { Chip, Grid, Stack } from '@mui/material';
import AlarmIcon from '@mui/icons-material/Alarm';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { Link, RecordContextProvider, useTranslate } from 'react-admin';
import { AssignButton, RouteButton } from '../incoming/IncomingActions';
import type { IncomingDocument, Task } from '../types';
import { HomeCard, HomeList, HomeSection } from './HomeCard';
import { TaskItem } from './HomeItems';
import type { DocumentBrief, LeaderHome as LeaderHomeData } from './homeTypes';
import { listPath } from './useHome';

/** What the assign and route decisions read of the document, from the task and its brief. */
const recordOf = (task: Task, document: DocumentBrief): IncomingDocument =>
    ({
        id: task.documentId,
        organizationCode: task.organizationCode,
        summary: task.summary ?? '',
        urgency: task.urgency,
        numberAndNotation: task.numberAndNotation,
        status: document.status,
        legalValidity: document.legalValidity,
        mainHandlerId: document.mainHandlerId,
        routedRule: document.routedRule,
        handlers: [],
    }) as IncomingDocument;

export const LeaderHome = ({ data }: { data: LeaderHomeData }) => {
    const translate = useTranslate();
    const decisions = data.awaitingDecision;
    return (
        <HomeSection title="app.user.role.leader" hint="app.home.leader.hint" testId="home-section-leader">
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, lg: 7 }}>
                    <HomeCard
                        title="app.home.leader.awaiting_decision"
                        icon={<AssignmentIndIcon color="primary" />}
                        count={decisions.total}
                        to={listPath('tasks', { step: 'assignment' })}
                        testId="home-leader-decisions"
                        subheader={
                            <Stack direction="row" spacing={0.5} sx={{ mt: 0.5 }}>
                                {(['assignment', 'routing'] as const).map(step => (
                                    <Chip
                                        key={step}
                                        size="small"
                                        clickable
                                        component={Link}
                                        to={listPath('tasks', { step })}
                                        label={`${translate(`app.document.step.${step}`)}: ${decisions.byStep[step]}`}
                                        data-testid={`home-leader-decisions-${step}`}
                                    />
                                ))}
                            </Stack>
                        }
                    >
                        <HomeList>
                            {decisions.items.map(task => (
                                <TaskItem
                                    key={task.id}
                                    task={task}
                                    testId={`home-decision-${task.documentId}`}
                                    action={
                                        task.document && (
                                            // Pessimistic, as on the document page (R-ROUTE-2).
                                            <RecordContextProvider value={recordOf(task, task.document)}>
                                                {task.step === 'routing' ? <RouteButton /> : <AssignButton />}
                                            </RecordContextProvider>
                                        )
                                    }
                                />
                            ))}
                        </HomeList>
                    </HomeCard>
                </Grid>
                <Grid size={{ xs: 12, lg: 5 }}>
                    <HomeCard
                        title="app.home.leader.overdue"
                        icon={<AlarmIcon color="error" />}
                        count={data.overdue.total}
                        tone="error"
                        to={listPath('overdue')}
                        empty="app.home.no_overdue"
                        testId="home-leader-overdue"
                    >
                        <HomeList>
                            {data.overdue.items.map(task => (
                                <TaskItem key={task.id} task={task} testId={`home-leader-overdue-${task.id}`} />
                            ))}
                        </HomeList>
                    </HomeCard>
                </Grid>
            </Grid>
        </HomeSection>
    );
};
