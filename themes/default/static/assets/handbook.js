// handbook default theme: colour theme toggle, small-screen menu, print button.
// Everything works without this script; it only adds controls.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("hb-js");

  var KEY = "handbook-theme";
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function effectiveTheme() {
    return root.dataset.theme || (media && media.matches ? "dark" : "light");
  }
  var toggle = document.querySelector(".hb-theme-toggle");
  function syncToggle() {
    if (!toggle) return;
    var dark = effectiveTheme() === "dark";
    toggle.setAttribute("aria-pressed", dark ? "true" : "false");
  }
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem(KEY, next); } catch (e) { /* storage may be off */ }
      syncToggle();
    });
    if (media && media.addEventListener) media.addEventListener("change", syncToggle);
    syncToggle();
  }

  var menu = document.querySelector(".hb-menu-button");
  var sidebar = document.getElementById("hb-sidebar");
  if (menu && sidebar) {
    menu.hidden = false;
    menu.addEventListener("click", function () {
      var open = sidebar.classList.toggle("hb-sidebar-open");
      menu.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  var print = document.querySelector(".hb-print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
