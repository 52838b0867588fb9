// A titled block of a document page (metadata, checks, files, deliveries, history).
import type { ReactNode } from 'react';
import { Box, Divider, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

export const DocumentSection = ({ title, children }: { title: string; children: ReactNode }) => {
    const translate = useTranslate();
    return (
        <Box sx={{ mt: 2 }}>
            <Divider sx={{ mb: 1 }} />
            <Typography variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
                {translate(title)}
            </Typography>
            {children}
        </Box>
    );
};
