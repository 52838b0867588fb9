// One labelled field in a responsive detail grid (show pages).
import type { ReactElement } from 'react';
import { Grid } from '@mui/material';
import { Labeled } from 'react-admin';

export const GridField = ({ md = 4, children }: { md?: number; children: ReactElement }) => (
    <Grid size={{ xs: 12, md }}>
        <Labeled>{children}</Labeled>
    </Grid>
);
