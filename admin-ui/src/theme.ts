// Theme: react-admin's default look in the red and gold of the province's
// administrative branding.
import { defaultTheme, type RaThemeOptions } from 'react-admin';

export const theme: RaThemeOptions = {
    ...defaultTheme,
    palette: {
        ...defaultTheme.palette,
        primary: { main: '#b71c1c' },
        secondary: { main: '#8e1b1b' },
    },
};
