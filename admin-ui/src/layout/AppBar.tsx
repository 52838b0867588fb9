// App bar: page title, unread-notification bell, language switcher, user menu.
import { Box, Typography } from '@mui/material';
import {
    AppBar as RaAppBar,
    LoadingIndicator,
    LocalesMenuButton,
    TitlePortal,
    useTranslate,
} from 'react-admin';
import { NotificationBell } from '../notifications';

const AppName = () => {
    const translate = useTranslate();
    return (
        <Typography
            variant="body2"
            sx={{ display: { xs: 'none', lg: 'block' }, opacity: 0.85, mr: 2, whiteSpace: 'nowrap' }}
        >
            {translate('app.title')} · {translate('app.subtitle')}
        </Typography>
    );
};

const Toolbar = () => (
    <>
        <NotificationBell />
        <Box data-testid="language-switcher">
            <LocalesMenuButton />
        </Box>
        <LoadingIndicator />
    </>
);

export const AppBar = () => (
    <RaAppBar toolbar={<Toolbar />}>
        <TitlePortal />
        <AppName />
    </RaAppBar>
);
