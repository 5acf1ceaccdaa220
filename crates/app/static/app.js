// zhijiao: the only script of our own. No inline scripts anywhere (CSP script-src 'self').
// htmx requests carry the CSRF token from the page's meta tag.
document.addEventListener('htmx:configRequest', function (e) {
  var meta = document.querySelector('meta[name=csrf-token]');
  if (meta) { e.detail.headers['X-CSRF-Token'] = meta.content; }
});
