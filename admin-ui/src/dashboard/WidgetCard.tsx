import type { ReactNode } from 'react';
import { Card, CardActions, CardContent, CardHeader } from '@mui/material';
import { useTranslate } from 'react-admin';

export const WidgetCard = ({
    title,
    icon,
    actions,
    children,
    testId,
}: {
    title: string;
    icon?: ReactNode;
    actions?: ReactNode;
    children: ReactNode;
    testId?: string;
}) => {
    const translate = useTranslate();
    return (
        <Card sx={{ height: '100%', display: 'flex', flexDirection: 'column' }} data-testid={testId}>
            <CardHeader avatar={icon} title={translate(title)} slotProps={{ title: { variant: 'h6' } }} />
            <CardContent sx={{ flex: 1, pt: 0 }}>{children}</CardContent>
            {actions && <CardActions>{actions}</CardActions>}
        </Card>
    );
};
