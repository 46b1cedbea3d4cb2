import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

/** dayjs's language for dates the pages format; loaded with the first page that is not the home page. */
export function setDayjsLocale(lang: 'zh-CN' | 'en'): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
}
