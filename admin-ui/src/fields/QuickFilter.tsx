// A filter shown as a chip: adding it sets its defaultValue, removing it
// clears the filter (used for "overdue only" and "unread only").
import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';

export const QuickFilter = ({ label }: { label: string; source: string; defaultValue: unknown }) => {
    const translate = useTranslate();
    return <Chip sx={{ mb: 1 }} label={translate(label)} color="primary" variant="outlined" />;
};
