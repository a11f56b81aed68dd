/** `@castline/react/locales/ar`: Arabic (right to left) for the `locale` prop (`@castline/dom`'s, imported only where used). */
export { ar } from '@castline/dom/locales/ar'
