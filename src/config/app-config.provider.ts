/** Injection token of the validated AppConfig (see app-config.ts). */
export const APP_CONFIG = Symbol('APP_CONFIG');
