import { DeleteButton, Edit, SaveButton, SimpleForm, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import type { PaperRuleRecord } from '../types';
import { PaperRuleInputs, cleanPaperRule } from './PaperRuleInputs';

const PaperRuleTitle = () => {
    const record = useRecordContext<PaperRuleRecord>();
    const translate = useTranslate();
    const name = translate('resources.paper-rules.name', { smart_count: 1 });
    return <span>{record ? `${name}: ${record.name}` : name}</span>;
};

const PaperRuleEditToolbar = () => (
    <Toolbar sx={{ justifyContent: 'space-between' }}>
        <SaveButton />
        <DeleteButton mutationMode="pessimistic" confirmTitle="app.paper_rule.delete_title" confirmContent="app.paper_rule.delete_content" />
    </Toolbar>
);

export const PaperRuleEdit = () => (
    <Edit title={<PaperRuleTitle />} mutationMode="pessimistic" redirect="list" transform={(data: Record<string, unknown>) => cleanPaperRule(data)}>
        <SimpleForm toolbar={<PaperRuleEditToolbar />}>
            <PaperRuleInputs />
        </SimpleForm>
    </Edit>
);
