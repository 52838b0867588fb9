// Picking organizations by code or name (the server searches accent-insensitively on `q`): one
// in a form, several in a form, or one as a list filter.
import {
    AutocompleteArrayInput,
    AutocompleteInput,
    ReferenceArrayInput,
    ReferenceInput,
    type AutocompleteArrayInputProps,
    type AutocompleteInputProps,
} from 'react-admin';

const BY_CODE = { field: 'code', order: 'ASC' } as const;
export const searchByQ = (q: string) => ({ q });

export const OrganizationInput = ({ source, ...props }: Omit<AutocompleteInputProps, 'source' | 'filterToQuery'> & { source: string }) => (
    <ReferenceInput source={source} reference="organizations" sort={BY_CODE}>
        <AutocompleteInput filterToQuery={searchByQ} {...props} />
    </ReferenceInput>
);

export const OrganizationsInput = ({
    source,
    perPage,
    ...props
}: Omit<AutocompleteArrayInputProps, 'source' | 'filterToQuery'> & { source: string; perPage?: number }) => (
    <ReferenceArrayInput source={source} reference="organizations" sort={BY_CODE} perPage={perPage}>
        <AutocompleteArrayInput filterToQuery={searchByQ} {...props} />
    </ReferenceArrayInput>
);

/** A list filter on an organization (shown at once unless `alwaysOn` is false). */
export const organizationFilter = (source = 'organizationCode', { alwaysOn = true }: { alwaysOn?: boolean } = {}) => (
    <ReferenceInput key={source} source={source} reference="organizations" sort={BY_CODE} alwaysOn={alwaysOn}>
        <AutocompleteInput filterToQuery={searchByQ} sx={{ minWidth: 320 }} />
    </ReferenceInput>
);
