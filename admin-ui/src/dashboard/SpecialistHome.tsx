// Chuyên viên's home (SPEC §1, R-DL-1..2, R-DL-4): their own open tasks by deadline, overdue in
// red and due today in amber, each opening its document.
import { Chip, Stack } from '@mui/material';
import AssignmentIcon from '@mui/icons-material/Assignment';
import { Link, useTranslate } from 'react-admin';
import { HomeCard, HomeList, HomeSection } from './HomeCard';
import { TaskItem } from './HomeItems';
import type { SpecialistHome as SpecialistHomeData } from './homeTypes';
import { listPath } from './useHome';

export const SpecialistHome = ({ data }: { data: SpecialistHomeData }) => {
    const translate = useTranslate();
    const mine = data.myTasks;
    return (
        <HomeSection title="app.user.role.specialist" hint="app.home.specialist.hint" testId="home-section-specialist">
            <HomeCard
                title="app.home.specialist.my_tasks"
                icon={<AssignmentIcon color="primary" />}
                count={mine.total}
                to={listPath('tasks', undefined, { field: 'dueAt', order: 'ASC' })}
                empty="app.home.specialist.no_tasks"
                testId="home-specialist-tasks"
                subheader={
                    <Stack direction="row" spacing={0.5} sx={{ mt: 0.5 }}>
                        <Chip
                            size="small"
                            clickable
                            component={Link}
                            to={listPath('tasks', { overdue: true })}
                            color={mine.overdue ? 'error' : 'default'}
                            label={translate('app.home.specialist.overdue', { smart_count: mine.overdue })}
                            data-testid="home-specialist-overdue"
                            data-count={mine.overdue}
                        />
                        <Chip
                            size="small"
                            color={mine.dueToday ? 'warning' : 'default'}
                            label={translate('app.home.specialist.due_today', { smart_count: mine.dueToday })}
                            data-testid="home-specialist-due-today"
                            data-count={mine.dueToday}
                        />
                    </Stack>
                }
            >
                <HomeList testId="home-specialist-task-list">
                    {mine.items.map(task => (
                        <TaskItem key={task.id} task={task} testId={`home-task-${task.documentId}`} />
                    ))}
                </HomeList>
            </HomeCard>
        </HomeSection>
    );
};
