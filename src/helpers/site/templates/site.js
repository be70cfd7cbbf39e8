(function () {
  // "Toon code": the code is hidden by default (class on <body>), this button shows it.
  var button = document.getElementById("code-knop");
  if (button) {
    button.addEventListener("click", function () {
      var hidden = document.body.classList.toggle("code-verborgen");
      button.textContent = hidden ? "Toon code" : "Verberg code";
      button.setAttribute("aria-pressed", String(!hidden));
    });
  }
  // Page numbers in the report's table of contents, measured by `make pdf` (rapport-paginas.js).
  var pages = window.GRIP_PAGINAS || {};
  document.querySelectorAll("[data-hoofdstuk]").forEach(function (el) {
    var page = pages[el.getAttribute("data-hoofdstuk")];
    if (page) { el.textContent = page; }
  });
})();
