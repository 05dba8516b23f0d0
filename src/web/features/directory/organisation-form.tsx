import { type FormEvent, useState } from 'react';
import type { OrganisationInput } from '../../../contracts/directory.ts';
import { ORGANISATION_TYPES } from '../../../contracts/enums.ts';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import type { FormErrors } from '../../lib/form-errors.ts';
import { ORGANISATION_TYPE_LABELS } from '../../lib/labels.ts';

/** Labels of the organisation form's fields, for error messages. */
export const ORGANISATION_LABELS = { name: 'Name', type: 'Type', odsCode: 'ODS code' };

interface OrganisationFormProps {
  initial?: OrganisationInput;
  errors: FormErrors;
  submitLabel: string;
  onSubmit: (input: OrganisationInput) => void;
  onInvalid: (errors: FormErrors) => void;
}

/** Name, type and ODS code of an organisation; used to add one and to edit one. */
export function OrganisationForm({
  initial,
  errors,
  submitLabel,
  onSubmit,
  onInvalid,
}: OrganisationFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [type, setType] = useState<string>(initial?.type ?? '');
  const [odsCode, setOdsCode] = useState(initial?.odsCode ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = ORGANISATION_TYPES.find((t) => t === type);
    if (!chosen) {
      const message = 'Choose the type of organisation';
      return onInvalid({ summary: [{ message, fieldId: 'organisation-type' }], fields: { type: message } });
    }
    onSubmit({ name, type: chosen, odsCode: odsCode.trim() === '' ? null : odsCode.trim().toUpperCase() });
  };

  return (
    <form onSubmit={submit} noValidate>
      <TextInput
        id="organisation-name"
        label="Name"
        value={name}
        onChange={setName}
        error={errors.fields.name}
      />
      <Select
        id="organisation-type"
        label="Type"
        value={type}
        onChange={setType}
        placeholder="Choose a type"
        options={ORGANISATION_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_LABELS[t] }))}
        error={errors.fields.type}
      />
      <TextInput
        id="organisation-odsCode"
        label="ODS code (optional)"
        hint="The Organisation Data Service code, 3 to 10 letters and digits, for example RX4"
        value={odsCode}
        onChange={setOdsCode}
        error={errors.fields.odsCode}
        width={10}
        spellCheck={false}
        autoCapitalize="characters"
      />
      <button className="nhsuk-button" type="submit">
        {submitLabel}
      </button>
    </form>
  );
}
