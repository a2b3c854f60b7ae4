// handbook serve: live reload and the error overlay. Injected into pages only by `handbook
// serve`, never into `handbook build` output.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  // The site's file this page is (the not-found page's, `404.html`, at any address).
  var file = me ? me.getAttribute("data-file") : null;
  // The page's hash as served: given back when the live events open, so that a tab reloads
  // only when its page is now another (a rebuild that landed while it loaded, a restart).
  var hash = me ? me.getAttribute("data-hash") : null;
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

  // The site's file at this tab's address.
  function addressFile() {
    var p = location.pathname;
    try { p = decodeURIComponent(p); } catch (e) { /* an address that is no text: as written */ }
    p = p.replace(/^\//, "");
    return p === "" || p.endsWith("/") ? p + "index.html" : p;
  }
  function currentFile() {
    return file || addressFile();
  }

  var overlay = null;
  // `built`: whether there is a last good version on screen (else nothing built yet).
  function showErrors(data, built) {
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
    title.textContent = built === false
      ? "handbook: the handbook has errors, so there is no page to show yet; fix them and it appears."
      : "handbook: the last edit has errors; this is the last good version.";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "float:right;font:inherit";
    close.addEventListener("click", function () { overlay.hidden = true; });
    var pre = document.createElement("pre");
    // Its own colours: the theme's `pre` rule (a light code background) must not apply.
    pre.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0;padding:0;border:0;" +
      "background:transparent;color:inherit;font:inherit;max-height:none;overflow:visible";
    pre.textContent = data.text;
    overlay.appendChild(close);
    overlay.appendChild(title);
    overlay.appendChild(pre);
    overlay.hidden = false;
  }
  function hideErrors() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  var handlers = {
    hello: function (d) {
      document.documentElement.dataset.hbLive = "connected";
      if (d.error) showErrors(d.error, d.built);
      else if (d.stale === undefined ? String(d.build) !== build : d.stale) reload();
      else build = String(d.build);
    },
    reload: function (d) {
      // A quick update of one page while the site has errors elsewhere: they stay on screen.
      if (!d.errors) hideErrors();
      // A tab showing the not-found page reloads too when a page comes to its address.
      var here = addressFile();
      if (d.all || d.changed.indexOf(currentFile()) >= 0 || d.changed.indexOf(here) >= 0 ||
          (file && d.changed.indexOf(here + "/index.html") >= 0)) reload();
      else {
        build = String(d.build);
        // Other pages changed: the search index may have too (search.js forgets what it read).
        document.dispatchEvent(new CustomEvent("handbook:rebuilt"));
      }
    },
    failed: function (d) { showErrors(d, d.built); }
  };

  // One WebSocket a tab: a browser holds at most six HTTP connections to a server, which
  // event streams (one a tab, open for good) would use up. Lost (the server restarted), it
  // comes back, and the hello says whether the page is still current.
  var wait = 250;
  function connect() {
    var tab = hash ? "?page=" + encodeURIComponent(location.pathname) + "&hash=" + encodeURIComponent(hash) : "";
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__handbook/socket" + tab);
    socket.onopen = function () { wait = 250; };
    socket.onmessage = function (e) {
      var message = JSON.parse(e.data);
      if (handlers[message.event]) handlers[message.event](message.data);
    };
    socket.onclose = function () {
      document.documentElement.dataset.hbLive = "lost";
      window.setTimeout(connect, wait);
      wait = Math.min(wait * 2, 4000);
    };
  }
  connect();
})();
