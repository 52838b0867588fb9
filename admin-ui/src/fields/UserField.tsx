// A user id shown as the user's name. Only admins may read the users resource, so other roles
// see the id itself (the register API returns ids, not names).
import { ReferenceField, TextField, usePermissions, useFieldValue, type FieldProps } from 'react-admin';
import { Typography } from '@mui/material';
import { canRole } from '../auth/access';
import type { Role } from '../types';

export const UserField = (props: FieldProps & { emptyText?: string }) => {
    const { permissions } = usePermissions<Role[]>();
    const value = useFieldValue(props) as string | null | undefined;
    if (!value) return <span>{props.emptyText ?? ''}</span>;
    if (canRole(permissions, 'users', 'show')) {
        return (
            <ReferenceField source={props.source!} reference="users" link={false} record={props.record}>
                <TextField source="fullName" />
            </ReferenceField>
        );
    }
    return (
        <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
            {value}
        </Typography>
    );
};
