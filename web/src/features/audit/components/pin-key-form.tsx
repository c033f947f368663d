import { useId, useState, type FormEvent } from 'react';
import { api, dataOf } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n/i18n';
import { usePinKey } from '../trust/pinned-key';

/**
 * Where trust starts: the node's public key, from the auditor (pasted, or the file the operator
 * published with `eter pubkey`), or, clearly labelled as such, from the server being checked
 * (trust on first use: `GET /v1/ledger/key`, which answers anyone).
 */
export function PinKeyForm() {
  const { t, describeError } = useI18n();
  const pin = usePinKey();
  const [pem, setPem] = useState('');
  /** Why the server's key could not be taken: it has none (`none`), or the request failed. */
  const [tofuProblem, setTofuProblem] = useState<{ error: unknown } | 'none' | undefined>();
  const pemId = useId();
  const fileId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    pin.mutate({ pem, source: 'pasted' });
  };
  const loadFile = async (file: File | undefined) => {
    if (file !== undefined) pin.mutate({ pem: await file.text(), source: 'file' });
  };
  const trustOnFirstUse = async () => {
    setTofuProblem(undefined);
    // The key as the server serves it to anyone (`GET /v1/ledger/key`): exactly what trust on
    // first use means, so it is labelled so wherever the key is shown. Fabric has none (501).
    const answer = await api.GET('/v1/ledger/key');
    if (answer.response.status === 501) return setTofuProblem('none');
    pin.mutate({ pem: dataOf(answer).publicKey, source: 'tofu' });
  };

  return (
    <div className="pin-key">
      <p>{t('audit.key.why')}</p>
      <form onSubmit={submit}>
        <label htmlFor={pemId}>{t('audit.key.paste')}</label>
        <textarea
          id={pemId}
          rows={4}
          value={pem}
          onChange={(e) => setPem(e.target.value)}
          placeholder="-----BEGIN PUBLIC KEY-----"
          spellCheck={false}
        />
        <button type="submit" disabled={pin.isPending || pem.trim() === ''}>
          {t('audit.key.pin')}
        </button>
      </form>
      <p>
        <label htmlFor={fileId}>{t('audit.key.file')}</label>{' '}
        <input
          id={fileId}
          type="file"
          accept=".pem,.txt,application/x-pem-file,text/plain"
          onChange={(e) => void loadFile(e.target.files?.[0])}
        />
      </p>
      {pin.isError && (
        <p role="alert" className="state-error">
          {t('audit.key.invalid')}
        </p>
      )}
      <div className="tofu">
        <h3>{t('audit.tofu.title')}</h3>
        <p>{t('audit.tofu.explain')}</p>
        <button
          type="button"
          onClick={() =>
            void trustOnFirstUse().catch((error: unknown) => setTofuProblem({ error }))
          }
        >
          {t('audit.tofu.button')}
        </button>
        {tofuProblem !== undefined && (
          <p role="alert" className="state-error">
            {tofuProblem === 'none'
              ? t('audit.tofu.none')
              : t('state.error', { detail: describeError(tofuProblem.error) })}
          </p>
        )}
      </div>
    </div>
  );
}
