// "Quy tắc gửi kèm bản giấy" (R-OUT-4, admin): when an electronic document also goes on paper —
// e.g. to the Provincial People's Committee, to the Government, or the types an agency head lists.
import { Chip, Stack, Typography } from '@mui/material';
import {
    CreateButton,
    DataTable,
    FilterButton,
    List,
    NullableBooleanInput,
    SearchInput,
    TopToolbar,
    usePermissions,
    useRecordContext,
    useTranslate,
    type FieldProps,
} from 'react-admin';
import { canRole } from '../auth/access';
import { DateTimeField } from '../fields/DateTimeField';
import { NameAndCode } from '../fields/NameAndCode';
import type { PaperRuleRecord, Role } from '../types';

const paperRuleFilters = [
    <SearchInput key="q" source="q" alwaysOn />,
    <NullableBooleanInput key="active" source="active" trueLabel="app.routing_rule.active" falseLabel="app.routing_rule.inactive" />,
];

const PaperRuleListActions = () => {
    const { permissions } = usePermissions<Role[]>();
    return (
        <TopToolbar>
            <FilterButton />
            {canRole(permissions, 'paper-rules', 'create') && <CreateButton data-testid="paper-rule-create" />}
        </TopToolbar>
    );
};

const OrgField = ({ codeSource, nameSource, anyText }: { codeSource: 'senderCode' | 'receiverCode'; nameSource: 'senderName' | 'receiverName'; anyText: string }) => {
    const record = useRecordContext<PaperRuleRecord>();
    const translate = useTranslate();
    if (!record) return null;
    const code = record[codeSource];
    if (!code) return <Typography variant="body2" color="text.secondary">{translate(anyText)}</Typography>;
    const subtree = codeSource === 'receiverCode' && record.receiverSubtree ? ` · ${translate('app.paper_rule.with_subtree')}` : '';
    return <NameAndCode name={record[nameSource] ?? code} code={`${code}${subtree}`} />;
};

const TypesField = (_props: FieldProps) => {
    const record = useRecordContext<PaperRuleRecord>();
    const translate = useTranslate();
    if (!record) return null;
    if (!record.typeCodes?.length) return <Typography variant="body2" color="text.secondary">{translate('app.paper_rule.any_type')}</Typography>;
    return (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {record.typeCodes.map(t => (
                <Chip key={t} size="small" variant="outlined" label={t} />
            ))}
        </Stack>
    );
};

const ActiveField = (_props: FieldProps) => {
    const record = useRecordContext<PaperRuleRecord>();
    const translate = useTranslate();
    if (!record) return null;
    return <Chip size="small" color={record.active ? 'success' : 'default'} label={translate(record.active ? 'app.routing_rule.active' : 'app.routing_rule.inactive')} />;
};

export const PaperRuleList = () => (
    <List filters={paperRuleFilters} empty={false} actions={<PaperRuleListActions />} sort={{ field: 'name', order: 'ASC' }} perPage={50} title="app.menu.paper_rules">
        <DataTable rowClick="edit" bulkActionButtons={false} data-testid="paper-rule-table">
            <DataTable.Col source="name" />
            <DataTable.Col source="senderCode">
                <OrgField codeSource="senderCode" nameSource="senderName" anyText="app.paper_rule.any_sender" />
            </DataTable.Col>
            <DataTable.Col source="receiverCode">
                <OrgField codeSource="receiverCode" nameSource="receiverName" anyText="app.paper_rule.any_receiver" />
            </DataTable.Col>
            <DataTable.Col source="typeCodes" field={TypesField} disableSort />
            <DataTable.Col source="active" field={ActiveField} />
            <DataTable.Col source="createdAt">
                <DateTimeField source="createdAt" />
            </DataTable.Col>
        </DataTable>
    </List>
);
