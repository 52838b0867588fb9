// A name with its code underneath, e.g. an organization in a list row.
import type { ReactNode } from 'react';
import { Stack, Typography } from '@mui/material';

export const NameAndCode = ({ name, code }: { name: ReactNode; code: ReactNode }) => (
    <Stack spacing={0}>
        <Typography variant="body2">{name}</Typography>
        <Typography variant="caption" color="text.secondary">
            {code}
        </Typography>
    </Stack>
);
