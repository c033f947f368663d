import { useI18n } from '../lib/i18n/i18n';
import { LANGUAGES } from '../lib/i18n/messages';

const NAMES = { en: 'English', es: 'Español' } as const;

/** Buttons for each language, named in their own language; the current one is pressed. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div role="group" aria-label={t('header.language')} className="language-switch">
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === language}
          onClick={() => setLanguage(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
