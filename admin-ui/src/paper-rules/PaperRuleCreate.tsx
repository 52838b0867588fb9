import { Create, SimpleForm } from 'react-admin';
import { PaperRuleInputs, cleanPaperRule } from './PaperRuleInputs';

export const PaperRuleCreate = () => (
    <Create redirect="list" transform={(data: Record<string, unknown>) => cleanPaperRule(data)}>
        <SimpleForm defaultValues={{ active: true, receiverSubtree: false, typeCodes: [] }}>
            <PaperRuleInputs />
        </SimpleForm>
    </Create>
);
