import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en } from './en.ts';
import { zhCN } from './zh-cn.ts';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'ronghe.lang';

function storedLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

// Feature message files (i18n/features/*.ts) each export { zhCN, en } and are merged by file name.
const features = import.meta.glob<{ zhCN: Record<string, unknown>; en: Record<string, unknown> }>('./features/*.ts', { eager: true });
const featureMessages = (lang: 'zhCN' | 'en') =>
  Object.fromEntries(Object.entries(features).map(([path, mod]) => [path.replace(/^.*\/(.*)\.ts$/, '$1'), mod[lang]]));

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: { ...zhCN, ...featureMessages('zhCN') } }, en: { translation: { ...en, ...featureMessages('en') } } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  // React escapes what it renders; a string meant for an HTML sink (an ECharts formatter) goes through lib/escape-html.ts
  interpolation: { escapeValue: false },
});

function applyDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}
applyDocumentLanguage(storedLanguage());

export const currentLanguage = (): Lang => (i18next.language === 'en' ? 'en' : 'zh-CN');

/** Switches the language and remembers it on this device. */
export async function setLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this visit only
  }
  applyDocumentLanguage(lang);
  await i18next.changeLanguage(lang);
}

export { i18next };
