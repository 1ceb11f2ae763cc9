// Theme before first paint: a saved choice (light/dark) wins over prefers-color-scheme.
(() => {
  try {
    const t = localStorage.getItem('md-theme');
    if (t === 'dark' || t === 'light') document.documentElement.dataset.theme = t;
  } catch (_) {}
})();
