import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api-client';
import { LANGUAGES, MESSAGES, type Language, type MessageKey } from './messages';
import { ruleMessage } from './rules';

const STORAGE_KEY = 'eter.language';

/** The language the reader chose before, else the first of the browser's we speak, else English. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(saved as Language)) return saved as Language;
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base as Language)) return base as Language;
  }
  return 'en';
}

export interface I18n {
  readonly language: Language;
  /** The BCP 47 tag Intl formats with. */
  readonly locale: string;
  setLanguage(language: Language): void;
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
  /** What went wrong, in the reader's language, each field rule included. */
  describeError(error: unknown): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const t: I18n['t'] = (key, values = {}) =>
      MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in values ? String(values[name]) : whole,
      );
    return {
      language,
      locale: language === 'es' ? 'es-ES' : 'en-GB',
      setLanguage,
      t,
      describeError(error) {
        if (!(error instanceof ApiError)) return t('error.network');
        const rules = (error.problem?.errors ?? []).map((e) =>
          ruleMessage(language, e.rule, e.message),
        );
        if (rules.length > 0) return [...new Set(rules)].join(' ');
        if (error.status === 401) return t('error.401');
        if (error.status === 429) return t('error.429', { seconds: error.retryAfter ?? 1 });
        if (error.status === 503) return t('error.503');
        return (
          error.problem?.detail ??
          error.problem?.title ??
          t('error.unknown', { status: error.status })
        );
      },
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
