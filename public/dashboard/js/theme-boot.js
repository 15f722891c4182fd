// Applies the saved theme before the first paint (a classic script: the CSP allows only files).
(function () {
  try {
    var mode = localStorage.getItem('pai.theme');
    if (mode === 'light' || mode === 'dark') document.documentElement.dataset.theme = mode;
  } catch {
    /* storage unavailable: follow the system */
  }
})();
