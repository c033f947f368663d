import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import { useRegister, type ParticipantKind } from '../api/participants';
import { describeRefusal } from '../describe-refusal';

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </span>
  );
}

/** The outcome of a registration: done, or the refusal by its rules. */
function Outcome({
  kind,
  mutation,
}: {
  kind: ParticipantKind;
  mutation: {
    isError: boolean;
    error: unknown;
    isSuccess: boolean;
    data?: { blockNumber: number };
  };
}) {
  const i18n = useI18n();
  if (mutation.isError)
    return (
      <p role="alert" className="error" data-testid={`refusal-${kind}`}>
        {i18n.t('participants.refused', { reason: describeRefusal(i18n, mutation.error) })}
      </p>
    );
  if (mutation.isSuccess && mutation.data !== undefined)
    return (
      <p role="status" className="notice">
        {i18n.t('participants.registered', { block: mutation.data.blockNumber })}
      </p>
    );
  return null;
}

export function RegisterStore() {
  const { t } = useI18n();
  const register = useRegister('stores');
  const [form, setForm] = useState({
    storeId: '',
    name: '',
    mspId: 'RetailerMSP',
    retailerId: '',
    rate: '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rate = form.rate.trim();
    register.mutate({
      storeId: form.storeId.trim(),
      name: form.name.trim(),
      mspId: form.mspId.trim(),
      ...(form.retailerId.trim() === '' ? {} : { retailerId: form.retailerId.trim() }),
      ...(rate === '' ? {} : { pointsRateBp: Number(rate) }),
    });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <form className="register" onSubmit={submit} aria-label={t('participants.register.stores')}>
      <Field label={t('participants.col.id')}>
        {(id) => (
          <input id={id} name="storeId" required value={form.storeId} onChange={set('storeId')} />
        )}
      </Field>
      <Field label={t('participants.col.name')}>
        {(id) => <input id={id} name="name" required value={form.name} onChange={set('name')} />}
      </Field>
      <Field label={t('participants.col.msp')}>
        {(id) => <input id={id} name="mspId" required value={form.mspId} onChange={set('mspId')} />}
      </Field>
      <Field label={t('participants.col.retailerOptional')}>
        {(id) => (
          <input id={id} name="retailerId" value={form.retailerId} onChange={set('retailerId')} />
        )}
      </Field>
      <Field label={t('participants.col.rateBp')}>
        {(id) => (
          <input
            id={id}
            name="pointsRateBp"
            inputMode="numeric"
            value={form.rate}
            onChange={set('rate')}
          />
        )}
      </Field>
      <button type="submit" disabled={register.isPending}>
        {t('participants.register.submit')}
      </button>
      <Outcome kind="stores" mutation={register} />
    </form>
  );
}

export function RegisterManufacturer() {
  const { t } = useI18n();
  const register = useRegister('manufacturers');
  const [form, setForm] = useState({ manufacturerId: '', name: '', prefixes: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({
      manufacturerId: form.manufacturerId.trim(),
      name: form.name.trim(),
      prefixes: form.prefixes
        .split(/[\s,]+/)
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    });
  };
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  return (
    <form
      className="register"
      onSubmit={submit}
      aria-label={t('participants.register.manufacturers')}
    >
      <Field label={t('participants.col.id')}>
        {(id) => (
          <input
            id={id}
            name="manufacturerId"
            required
            value={form.manufacturerId}
            onChange={set('manufacturerId')}
          />
        )}
      </Field>
      <Field label={t('participants.col.name')}>
        {(id) => <input id={id} name="name" required value={form.name} onChange={set('name')} />}
      </Field>
      <Field label={t('participants.col.prefixesInput')}>
        {(id) => (
          <input
            id={id}
            name="prefixes"
            required
            value={form.prefixes}
            onChange={set('prefixes')}
          />
        )}
      </Field>
      <button type="submit" disabled={register.isPending}>
        {t('participants.register.submit')}
      </button>
      <Outcome kind="manufacturers" mutation={register} />
    </form>
  );
}

export function RegisterCustomer() {
  const { t } = useI18n();
  const register = useRegister('customers');
  const [customerId, setCustomerId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate({ customerId: customerId.trim() });
  };
  return (
    <form className="register" onSubmit={submit} aria-label={t('participants.register.customers')}>
      <Field label={t('participants.col.id')}>
        {(id) => (
          <input
            id={id}
            name="customerId"
            required
            value={customerId}
            onChange={(e) => setCustomerId(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" disabled={register.isPending}>
        {t('participants.register.submit')}
      </button>
      <Outcome kind="customers" mutation={register} />
    </form>
  );
}
