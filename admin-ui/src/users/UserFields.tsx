// Small fields and choices shared by the account views (R-SEC-2): roles with their Vietnamese
// names, the active/inactive state, the organization with its name.
import type { MouseEvent } from 'react';
import { Chip, Stack, Typography } from '@mui/material';
import { Link, useCreatePath, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ROLES, type Role, type User } from '../types';

export const roleChoices = (disabledRoles: readonly Role[] = []) =>
    ROLES.map(role => ({ id: role, name: `app.user.role.${role}`, disabled: disabledRoles.includes(role) }));

export const RolesField = (_props: FieldProps) => {
    const record = useRecordContext<User>();
    const translate = useTranslate();
    if (!record) return null;
    return (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {(record.roles ?? []).map(role => (
                <Chip key={role} size="small" label={translate(`app.user.role.${role}`, { _: role })} />
            ))}
        </Stack>
    );
};

export const ActiveChip = ({ active }: { active: boolean }) => {
    const translate = useTranslate();
    return (
        <Chip
            size="small"
            variant={active ? 'outlined' : 'filled'}
            color={active ? 'success' : 'default'}
            label={translate(active ? 'app.user.active' : 'app.user.inactive')}
        />
    );
};

export const ActiveField = (_props: FieldProps) => {
    const record = useRecordContext<{ active: boolean }>();
    return record ? <ActiveChip active={record.active} /> : null;
};

/** The organization's name, with its code linking to the organization's page. */
export const UserOrganizationField = (_props: FieldProps) => {
    const record = useRecordContext<User>();
    const createPath = useCreatePath();
    if (!record) return null;
    return (
        <Stack spacing={0}>
            <Typography variant="body2">{record.organizationName}</Typography>
            <Link
                to={createPath({ resource: 'organizations', id: record.organizationCode, type: 'show' })}
                onClick={(event: MouseEvent) => event.stopPropagation()}
                variant="caption"
            >
                {record.organizationCode}
            </Link>
        </Stack>
    );
};
