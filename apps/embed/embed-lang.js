// `?lang=ar` or `?lang=de`: the player's `lang`, from which <castline-player> takes its labels, its
// direction (Arabic right to left) and its digits. The page's own text stays English. A file, not an
// inline script, so that the page keeps working under a strict Content-Security-Policy.
const lang = new URLSearchParams(window.location.search).get('lang')
if (lang === 'ar' || lang === 'de') {
  for (const player of document.querySelectorAll('castline-player')) player.setAttribute('lang', lang)
}
