// Polyglot i18n provider: Vietnamese first (default), English as an option.
// Both catalogs are bundled (they are small) so switching needs no request.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import en from './en';
import vi from './vi';

export const DEFAULT_LOCALE = 'vi';

const catalogs = { vi, en } as const;

export const i18nProvider = polyglotI18nProvider(
    locale => catalogs[locale as keyof typeof catalogs] ?? vi,
    DEFAULT_LOCALE,
    [
        { locale: 'vi', name: 'Tiếng Việt' },
        { locale: 'en', name: 'English' },
    ],
);
