import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zhCN } from './zh-cn.ts';
import type * as DayjsLocale from './dayjs-locale.ts';

export type Lang = 'zh-CN' | 'en';
const STORAGE_KEY = 'ronghe.lang';

function storedLanguage(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

// Feature message files (i18n/features/*.ts) each export { zhCN, en } and are merged by file name. They load in chunks
// of their own before the first page that is not the home page renders (loadFeatureMessages, awaited by every lazy
// page in app.tsx); the header's few account words are in zh-cn.ts/en.ts, replaced by the full account set on load.
type Catalogue = { zhCN: Record<string, unknown>; en: Record<string, unknown> };
const features = import.meta.glob<Catalogue>('./features/*.ts');
const featureName = (path: string) => path.replace(/^.*\/(.*)\.ts$/, '$1');

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  // React escapes what it renders; a string meant for an HTML sink (an ECharts formatter) goes through lib/escape-html.ts
  interpolation: { escapeValue: false },
  // a feature's messages arriving later re-render what already asked for them
  react: { bindI18nStore: 'added' },
});

let featuresLoaded: Promise<void> | undefined;
// dayjs (and its Chinese locale) is not on the home page: it comes with the features' messages
let dayjsLocale: Promise<typeof DayjsLocale> | undefined;

function applyDocumentLanguage(lang: Lang): void {
  document.documentElement.lang = lang;
  if (dayjsLocale) void dayjsLocale.then((m) => m.setDayjsLocale(lang));
}
applyDocumentLanguage(storedLanguage());

/** Loads every feature's messages once (both languages); a failed load is tried again on the next call. */
export function loadFeatureMessages(): Promise<void> {
  dayjsLocale ??= import('./dayjs-locale.ts');
  featuresLoaded ??= Promise.all([
    dayjsLocale.then((m) => m.setDayjsLocale(currentLanguage())),
    ...Object.entries(features).map(async ([path, load]) => {
      const mod = await load();
      i18next.addResourceBundle('zh-CN', 'translation', { [featureName(path)]: mod.zhCN }, false, true);
      i18next.addResourceBundle('en', 'translation', { [featureName(path)]: mod.en }, false, true);
    }),
  ]).then(
    () => undefined,
    (error: unknown) => {
      featuresLoaded = undefined;
      dayjsLocale = undefined;
      throw error;
    },
  );
  return featuresLoaded;
}

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
