// The form of a peer system (R-SEC-1, SPEC §8): its name, the base URL of its interop endpoint,
// the organization identifier codes it serves (codes of this installation's own organizations
// are refused by the server), its certificate as PEM — pasted, or read from a .pem/.crt/.cer
// file, PEM or DER — and whether it is active. Input names follow the API's, so its 409/422
// errors (a code served by another peer, a certificate that does not parse) land on the field.
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, Button, Grid, TextField } from '@mui/material';
import { useState, type ChangeEvent } from 'react';
import {
    BooleanInput,
    FieldTitle,
    InputHelperText,
    TextArrayInput,
    TextInput,
    maxLength,
    required,
    useInput,
    useTranslate,
} from 'react-admin';
import { orgCodeProblem } from '../../../domain/org-code';

/** The server's limit on the PEM (a certificate and its issuers). */
const PEM_MAX_LENGTH = 64 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

const validateEndpoint = (value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) return undefined;
    try {
        const url = new URL(value.trim());
        const ok = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
        return ok ? undefined : 'app.peer.endpoint_invalid';
    } catch {
        return 'app.peer.endpoint_invalid';
    }
};

const validateCodes = (value: unknown) => {
    const codes = Array.isArray(value) ? (value as string[]) : [];
    if (!codes.length) return 'app.peer.codes_required';
    const invalid = codes.filter(code => orgCodeProblem(code) !== null);
    return invalid.length ? { message: 'app.peer.codes_invalid', args: { codes: invalid.join(', ') } } : undefined;
};

/** Codes pasted as a list ("000.00.01.h30, 000.00.02.H30") become one chip each, upper-cased, once. */
const parseCodes = (value: unknown): string[] => {
    const entries = Array.isArray(value) ? (value as unknown[]) : [];
    const codes = entries.flatMap(v => String(v ?? '').split(/[\s,;]+/)).map(code => code.trim().toUpperCase()).filter(Boolean);
    return [...new Set(codes)];
};

const validatePem = (value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) return 'ra.validation.required';
    if (value.length > PEM_MAX_LENGTH) return 'app.peer.pem_too_long';
    return PEM_BLOCK.test(value) ? undefined : 'app.peer.pem_invalid';
};

/** A file's bytes as PEM: PEM text as is, a DER certificate (binary .crt/.cer) wrapped in PEM. */
const pemOfFile = (bytes: Uint8Array): string | null => {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const pem = text.match(new RegExp(PEM_BLOCK.source, 'g'));
    if (pem) return `${pem.join('\n')}\n`;
    // A DER certificate is an ASN.1 SEQUENCE: 0x30, then its length.
    if (bytes[0] !== 0x30 || bytes.length < 100) return null;
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    const lines = btoa(binary).match(/.{1,64}/g) ?? [];
    return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
};

/** The certificate PEM: a monospace text area, and a button that reads a certificate file into it. */
const CertificatePemInput = () => {
    const translate = useTranslate();
    const [fileError, setFileError] = useState<string | null>(null);
    const { field, fieldState, isRequired, id } = useInput({ source: 'certificatePem', resource: 'peers', validate: validatePem });

    const onFile = (event: ChangeEvent<HTMLInputElement>) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (!file) return;
        setFileError(null);
        if (file.size > PEM_MAX_LENGTH) {
            setFileError('app.peer.pem_too_long');
            return;
        }
        file.arrayBuffer().then(
            buffer => {
                const pem = pemOfFile(new Uint8Array(buffer));
                if (!pem) {
                    setFileError('app.peer.pem_file_unreadable');
                    return;
                }
                field.onChange(pem);
                field.onBlur();
            },
            () => setFileError('app.peer.pem_file_unreadable'),
        );
    };

    return (
        <Box>
            <TextField
                id={id}
                name={field.name}
                inputRef={field.ref}
                value={field.value ?? ''}
                onChange={field.onChange}
                onBlur={field.onBlur}
                label={<FieldTitle source="certificatePem" resource="peers" isRequired={isRequired} />}
                error={fieldState.invalid}
                helperText={<InputHelperText error={fieldState.error?.message} helperText="app.peer.pem_helper" />}
                placeholder="-----BEGIN CERTIFICATE-----"
                multiline
                minRows={6}
                maxRows={16}
                fullWidth
                slotProps={{ htmlInput: { 'data-testid': 'peer-certificate-pem', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 } } }}
            />
            <Button component="label" variant="outlined" size="small" startIcon={<UploadFileIcon />} sx={{ mt: 1 }}>
                {translate('app.peer.pem_upload')}
                <input hidden type="file" accept=".pem,.crt,.cer,application/x-pem-file,application/x-x509-ca-cert,application/pkix-cert" onChange={onFile} data-testid="peer-certificate-file" />
            </Button>
            {fileError && (
                <Alert severity="error" sx={{ mt: 1 }}>
                    {translate(fileError)}
                </Alert>
            )}
        </Box>
    );
};

export const PeerInputs = () => {
    const translate = useTranslate();
    return (
        <Box sx={{ width: '100%', maxWidth: 1000 }}>
            <Alert severity="info" sx={{ mb: 2 }}>
                {translate('app.peer.hint')}
            </Alert>
            <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 8 }}>
                    <TextInput source="name" validate={[required(), maxLength(300)]} fullWidth slotProps={{ htmlInput: { 'data-testid': 'peer-name' } }} />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                    <BooleanInput source="active" label="app.peer.active" helperText="app.peer.active_helper" />
                </Grid>
                <Grid size={{ xs: 12 }}>
                    <TextInput
                        source="endpointUrl"
                        validate={[required(), maxLength(500), validateEndpoint]}
                        helperText="app.peer.endpoint_helper"
                        fullWidth
                        slotProps={{ htmlInput: { 'data-testid': 'peer-endpoint' } }}
                    />
                </Grid>
                <Grid size={{ xs: 12 }}>
                    <TextArrayInput source="organizationCodes" parse={parseCodes} validate={validateCodes} helperText="app.peer.codes_helper" fullWidth data-testid="peer-codes" />
                </Grid>
                <Grid size={{ xs: 12 }}>
                    <CertificatePemInput />
                </Grid>
            </Grid>
        </Box>
    );
};

/** What POST and PUT send: the editable fields only (fingerprint and certificate details are the server's). */
export const cleanPeer = (data: Record<string, unknown>) => ({
    name: typeof data.name === 'string' ? data.name.trim() : data.name,
    endpointUrl: typeof data.endpointUrl === 'string' ? data.endpointUrl.trim() : data.endpointUrl,
    organizationCodes: parseCodes(data.organizationCodes),
    certificatePem: typeof data.certificatePem === 'string' ? data.certificatePem.trim() : data.certificatePem,
    active: data.active === undefined ? true : !!data.active,
});
