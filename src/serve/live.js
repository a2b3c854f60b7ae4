// handbook serve: live reload and the error overlay. Injected into pages only by `handbook
// serve`, never into `handbook build` output.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  var KEY = "handbook-serve-scroll";

  // Keep the reading position across reloads.
  try {
    var saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    if (saved && saved.path === location.pathname) {
      window.addEventListener("load", function () { window.scrollTo(0, saved.y); });
    }
    sessionStorage.removeItem(KEY);
  } catch (e) { /* storage off */ }
  function reload() {
    try { sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY })); } catch (e) { /* */ }
    location.reload();
  }

  function currentFile() {
    var p = decodeURIComponent(location.pathname).replace(/^\//, "");
    return p === "" || p.endsWith("/") ? p + "index.html" : p;
  }

  var overlay = null;
  function showErrors(data) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "hb-serve-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1b1b1f;color:#f3f3f3;border-top:4px solid #e5484d;padding:1rem 1.25rem;" +
        "font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -8px 24px rgba(0,0,0,.35)";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("strong");
    title.textContent = "handbook: the last edit has errors; this is the last good version.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "float:right;font:inherit";
    close.addEventListener("click", function () { overlay.hidden = true; });
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0";
    pre.textContent = data.text;
    overlay.appendChild(close);
    overlay.appendChild(title);
    overlay.appendChild(pre);
    overlay.hidden = false;
  }
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var source = new EventSource("/__handbook/events");
  source.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    document.documentElement.dataset.hbLive = "connected";
    if (d.error) showErrors(d.error);
    else if (String(d.build) !== build) reload();
  });
  source.addEventListener("reload", function (e) {
    var d = JSON.parse(e.data);
    hideErrors();
    if (d.all || d.changed.indexOf(currentFile()) >= 0) reload();
    else build = String(d.build);
  });
  source.addEventListener("failed", function (e) { showErrors(JSON.parse(e.data)); });
})();
