// One card of the home page: a title with its count (coloured when something waits), the first
// few items, and a link to the full, filtered list. Empty cards say so instead of staying blank.
import { useState, type ReactNode } from 'react';
import { Box, Button as MuiButton, Card, CardActions, CardContent, CardHeader, Chip, List, Typography } from '@mui/material';
import { Button, Link, useTranslate } from 'react-admin';

export const HomeCard = ({
    title,
    icon,
    count,
    tone = 'primary',
    subheader,
    to,
    linkLabel = 'app.home.view_all',
    empty = 'app.home.nothing_waiting',
    testId,
    children,
}: {
    title: string;
    icon?: ReactNode;
    /** What the card counts; null hides the chip (a card that is not a count). */
    count: number | null;
    /** Colour of a non-zero count. */
    tone?: 'primary' | 'error' | 'warning' | 'info';
    subheader?: ReactNode;
    to?: string;
    linkLabel?: string;
    empty?: string;
    testId: string;
    children?: ReactNode;
}) => {
    const translate = useTranslate();
    return (
        <Card sx={{ height: '100%', display: 'flex', flexDirection: 'column' }} data-testid={testId}>
            <CardHeader
                avatar={icon}
                title={translate(title)}
                subheader={subheader}
                slotProps={{ title: { variant: 'subtitle1', sx: { fontWeight: 600 } } }}
                action={
                    count === null ? undefined : (
                        <Chip
                            label={count}
                            color={count ? tone : 'default'}
                            variant={count ? 'filled' : 'outlined'}
                            sx={{ fontWeight: 700, mt: 1, mr: 1 }}
                            data-testid={`${testId}-count`}
                            data-count={count}
                        />
                    )
                }
            />
            <CardContent sx={{ flex: 1, pt: 0 }}>
                {count === 0 ? (
                    <Typography variant="body2" color="text.secondary" data-testid={`${testId}-empty`}>
                        {translate(empty)}
                    </Typography>
                ) : (
                    children
                )}
            </CardContent>
            {to && (
                <CardActions sx={{ pt: 0 }}>
                    <Button component={Link} to={to} label={linkLabel} data-testid={`${testId}-link`} />
                </CardActions>
            )}
        </Card>
    );
};

/** The list inside a card. */
export const HomeList = ({ children, testId }: { children: ReactNode; testId?: string }) => (
    <List dense disablePadding data-testid={testId}>
        {children}
    </List>
);

/** A section of the page: one per role the user has, titled with the role. */
export const HomeSection = ({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId: string }) => {
    const translate = useTranslate();
    return (
        <Box component="section" sx={{ mb: 3 }} data-testid={testId}>
            <Typography variant="h6" sx={{ mb: 0.5 }}>
                {translate(title)}
            </Typography>
            {hint && (
                <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                    {translate(hint)}
                </Typography>
            )}
            {children}
        </Box>
    );
};

/** How many rows a card shows before "show all". */
const SHOWN = 5;

/** The first few rows, and the rest on demand (when the API sent a whole short list). */
export const Expandable = <T,>({ items, render, testId }: { items: T[]; render: (item: T) => ReactNode; testId: string }) => {
    const translate = useTranslate();
    const [all, setAll] = useState(false);
    const shown = all ? items : items.slice(0, SHOWN);
    return (
        <>
            <HomeList testId={testId}>{shown.map(render)}</HomeList>
            {items.length > SHOWN && (
                <MuiButton size="small" onClick={() => setAll(!all)} sx={{ mt: 1 }} data-testid={`${testId}-toggle`}>
                    {translate(all ? 'app.home.show_less' : 'app.home.show_all', { smart_count: items.length })}
                </MuiButton>
            )}
        </>
    );
};
