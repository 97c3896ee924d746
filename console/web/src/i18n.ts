import { ref } from 'vue';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

// A small own i18n: vue-i18n's message compiler would need eval (or a build plugin) under the
// server's CSP, and the console only needs lookup plus {name} interpolation.
type Messages = typeof zhCN;
export type Locale = 'zh-CN' | 'en';
const catalogs: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
export const locales: Locale[] = ['zh-CN', 'en'];

type KeyPath<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${KeyPath<T[K]>}`;
}[keyof T & string];
export type MessageKey = KeyPath<Messages>;

const stored = localStorage.getItem('sharpeyes.locale');
export const locale = ref<Locale>(stored === 'en' ? 'en' : 'zh-CN');
document.documentElement.lang = locale.value;

export function setLocale(l: Locale): void {
  locale.value = l;
  localStorage.setItem('sharpeyes.locale', l);
  document.documentElement.lang = l;
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    node = (node as Record<string, unknown> | undefined)?.[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates a key for the current locale; `{name}` placeholders take values from params. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = lookup(catalogs[locale.value], key) ?? lookup(catalogs['zh-CN'], key) ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Translates a key built at run time (an API code, an enum value), with a fallback text. */
export function tDynamic(key: string, fallback: string): string {
  return lookup(catalogs[locale.value], key) ?? fallback;
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale.value, { hour12: false });
}
