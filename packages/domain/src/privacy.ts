// The privacy notice (个人信息保护政策) people agree to at sign-up (PIPL art. 13–14, 17): its current version. A new
// version is a new date here and a new text on the web's /privacy page; everyone who agreed to an older one is asked
// again when they next sign in.
export const PRIVACY_NOTICE_VERSION = '2026-12-07';
