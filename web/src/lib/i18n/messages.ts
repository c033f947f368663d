import { en, type Messages } from './en';
import { es } from './es';

export type { MessageKey, Messages } from './en';

/** The app's languages; the first is used when the browser asks for none of them. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's dictionary (en.ts, es.ts). */
export const MESSAGES: Readonly<Record<Language, Messages>> = { en, es };
