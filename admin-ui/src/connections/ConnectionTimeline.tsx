// The steps of an organization's connection process (R-CONN-1) as a vertical
// stepper: each reached state with when, by whom and the note.
import { Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatDateTimeVN } from '../fields/DateTimeField';
import { CONNECTION_STATES, type Connection, type ConnectionStep } from '../types';

export const ConnectionTimeline = () => {
    const record = useRecordContext<Connection>();
    const translate = useTranslate();
    if (!record) return null;
    const steps = record.steps ?? [];
    const currentIndex = CONNECTION_STATES.indexOf(record.state);
    // The latest recorded step for each state (a state may be recorded again after a correction).
    const stepOf = new Map<string, ConnectionStep>();
    for (const step of steps) stepOf.set(step.state, step);

    return (
        <Stepper
            orientation="vertical"
            activeStep={currentIndex}
            data-testid="connection-timeline"
            sx={{ '& .MuiStepContent-root': { borderLeftStyle: 'solid' } }}
        >
            {CONNECTION_STATES.map((state, index) => {
                const step = stepOf.get(state);
                const reached = index <= currentIndex;
                return (
                    <Step key={state} completed={reached} expanded={!!step}>
                        <StepLabel
                            optional={
                                step ? (
                                    <Typography variant="caption">{formatDateTimeVN(step.at)}</Typography>
                                ) : undefined
                            }
                            data-testid={`connection-step-${state}`}
                        >
                            {translate(`app.connection.state.${state}`)}
                        </StepLabel>
                        <StepContent>
                            {step?.actor && (
                                <Typography variant="body2" color="text.secondary">
                                    {translate('app.connection.timeline.by', { actor: step.actor })}
                                </Typography>
                            )}
                            {step?.note && <Typography variant="body2">{step.note}</Typography>}
                        </StepContent>
                    </Step>
                );
            })}
        </Stepper>
    );
};
