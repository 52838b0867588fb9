// App bar: page title, unread-notification bell, language switcher, user menu (change my
// password, log out).
import { useState } from 'react';
import { Box, Typography } from '@mui/material';
import {
    AppBar as RaAppBar,
    LoadingIndicator,
    LocalesMenuButton,
    Logout,
    TitlePortal,
    UserMenu,
    useTranslate,
} from 'react-admin';
import { NotificationBell } from '../notifications';
import { ChangePasswordDialog, ChangePasswordMenuItem } from './ChangePasswordDialog';

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

export const AppBar = () => {
    const [changingPassword, setChangingPassword] = useState(false);
    return (
        <RaAppBar
            toolbar={<Toolbar />}
            userMenu={
                <Box data-testid="user-menu">
                    <UserMenu>
                        <ChangePasswordMenuItem onOpen={() => setChangingPassword(true)} />
                        <Logout data-testid="user-menu-logout" />
                    </UserMenu>
                </Box>
            }
        >
            <TitlePortal />
            <AppName />
            <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
        </RaAppBar>
    );
};
