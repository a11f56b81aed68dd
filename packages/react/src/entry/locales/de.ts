/** `@castline/react/locales/de`: German for the `locale` prop (`@castline/dom`'s, imported only where used). */
export { de } from '@castline/dom/locales/de'
