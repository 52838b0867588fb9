// Login page: username + password against POST /api/auth/login (authProvider).
// data-testid attributes keep browser tests independent of the UI language.
import { useState } from 'react';
import { Box, Button, CardContent, CircularProgress, Typography } from '@mui/material';
import {
    Form,
    Login,
    PasswordInput,
    TextInput,
    required,
    useLogin,
    useNotify,
    useTranslate,
} from 'react-admin';

interface Credentials {
    username: string;
    password: string;
}

const LoginForm = () => {
    const [loading, setLoading] = useState(false);
    const login = useLogin();
    const notify = useNotify();
    const translate = useTranslate();

    const submit = (values: Partial<Credentials>) => {
        setLoading(true);
        login({ username: values.username?.trim() ?? '', password: values.password ?? '' })
            .catch((error: unknown) => {
                const message = error instanceof Error && error.message ? error.message : 'ra.auth.sign_in_error';
                notify(message, { type: 'error', messageArgs: { _: message } });
            })
            .finally(() => setLoading(false));
    };

    return (
        // Form does not forward unknown props, so the test id sits on a wrapper.
        <Box data-testid="login-form">
        <Form onSubmit={submit} noValidate id="login-form">
            <CardContent sx={{ minWidth: 320 }}>
                <Typography variant="h6" align="center">
                    {translate('app.title')}
                </Typography>
                <Typography variant="body2" align="center" color="text.secondary" gutterBottom>
                    {translate('app.subtitle')} · {translate('app.auth.login_title')}
                </Typography>
                <TextInput
                    autoFocus
                    source="username"
                    label="ra.auth.username"
                    autoComplete="username"
                    validate={required()}
                    fullWidth
                    slotProps={{ htmlInput: { 'data-testid': 'login-username' } }}
                />
                <PasswordInput
                    source="password"
                    label="ra.auth.password"
                    autoComplete="current-password"
                    validate={required()}
                    fullWidth
                    slotProps={{ htmlInput: { 'data-testid': 'login-password' } }}
                />
                <Button
                    variant="contained"
                    type="submit"
                    color="primary"
                    disabled={loading}
                    fullWidth
                    sx={{ mt: 2 }}
                    data-testid="login-submit"
                >
                    {loading ? <CircularProgress size={19} thickness={3} /> : translate('ra.auth.sign_in')}
                </Button>
            </CardContent>
        </Form>
        </Box>
    );
};

export const LoginPage = () => (
    <Login sx={{ backgroundImage: 'linear-gradient(135deg, #8e1b1b 0%, #c62828 45%, #f9a825 100%)' }}>
        <LoginForm />
    </Login>
);
