// handbook default theme: colour theme toggle, small-screen menu, print button, and the section
// being read marked in "On this page".
// Everything works without this script; it only adds controls.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("hb-js");

  // The interface's words, in the handbook's language: the build writes them between the two
  // comments (src/ui.rs). `{name}` in a word stands for a value.
  var ui = /* handbook:ui */{"_language":"en","code_copied":"Code copied to the clipboard","copied":"Copied","copy":"Copy","copy_code":"Copy code","copy_failed":"The browser did not let the code be copied","did_you_mean":"Did you mean {suggestion}?","highlighted":"Highlighted: {words}","more_results":"Show more results","no_results":"No results","no_results_for":"No results for “{query}”.","not_copied":"Not copied","pages_found_one":"{n} page found","pages_found_other":"{n} pages found","pages_shown_more":"{n} pages shown, more found","remove_highlights":"Remove highlights","search_unavailable":"Search is not available: {error}","tab":"Tab {n}"}/* handbook:ui-end */;
  function say(key, values) {
    return ui[key].replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  }

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
      var system = media && media.matches ? "dark" : "light";
      // Back to the system's own scheme: the choice is forgotten, and the page follows the
      // system again (its change at dusk included) rather than keep this one for good.
      try {
        if (next === system) localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, next);
      } catch (e) { /* storage may be off */ }
      if (next === system) delete root.dataset.theme;
      else root.dataset.theme = next;
      syncToggle();
    });
    if (media && media.addEventListener) media.addEventListener("change", syncToggle);
    syncToggle();
  }

  var menu = document.querySelector(".hb-menu-button");
  var sidebar = document.getElementById("hb-sidebar");
  if (menu && sidebar) {
    menu.hidden = false;
    // On a small screen the open menu lies over the page from the header's bottom down,
    // wherever the reader is on the page, with the current page's link in view.
    menu.addEventListener("click", function () {
      var open = sidebar.classList.toggle("hb-sidebar-open");
      menu.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) return;
      var bar = document.querySelector(".hb-header");
      var top = bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
      sidebar.style.setProperty("--hb-menu-top", top + "px");
      var here = sidebar.querySelector('[aria-current="page"]');
      if (here && window.getComputedStyle(sidebar).position === "fixed") {
        sidebar.scrollTop = Math.max(0, here.offsetTop - sidebar.clientHeight / 3);
      }
    });
    // A click on the page beside the open menu closes it.
    document.addEventListener("click", function (e) {
      if (!sidebar.classList.contains("hb-sidebar-open") || window.getComputedStyle(sidebar).position !== "fixed") return;
      if (sidebar.contains(e.target) || menu.contains(e.target)) return;
      sidebar.classList.remove("hb-sidebar-open");
      menu.setAttribute("aria-expanded", "false");
    });
    // Escape closes the open menu, and the focus goes back to its button.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !sidebar.classList.contains("hb-sidebar-open")) return;
      if (e.target && e.target.closest && e.target.closest(".hb-search")) return;
      sidebar.classList.remove("hb-sidebar-open");
      menu.setAttribute("aria-expanded", "false");
      menu.focus();
    });
  }

  // A heading a link leads to shows below the header that stays at the top, however tall the
  // header is (two rows on a tablet): the page keeps that much room above where it scrolls to.
  var header = document.querySelector(".hb-header");
  // A phone's header slides out of the way (below): there the page keeps the style sheet's room.
  var phone = window.matchMedia ? window.matchMedia("(max-width: 600px)") : null;
  var fitScrollPadding = function () {
    if (!header) return;
    var sticky = window.getComputedStyle(header).position === "sticky";
    var stays = sticky && !(phone && phone.matches);
    document.documentElement.style.scrollPaddingTop = stays ? header.offsetHeight + 16 + "px" : "";
  };
  fitScrollPadding();
  // The header grows when the search field is shown (search.js), and when the window narrows.
  if (header && window.ResizeObserver) new ResizeObserver(fitScrollPadding).observe(header);
  window.addEventListener("resize", fitScrollPadding);

  // On a phone the header slides away while the reader scrolls down, and comes back when they
  // scroll up: the menu and search stay at hand without covering a quarter of the screen. It
  // stays while it has the focus (typing a search) or the menu is open, and goes when a link
  // leads down or up the page, so that it never covers the heading the link leads to.
  if (header && phone) {
    var lastY = window.scrollY;
    var jumping = false;
    var away = function (hide) { header.classList.toggle("hb-header-away", hide); };
    var held = function () {
      return header.contains(document.activeElement) ||
        (sidebar !== null && sidebar.classList.contains("hb-sidebar-open"));
    };
    window.addEventListener("scroll", function () {
      var y = window.scrollY;
      if (!phone.matches || held() || y <= header.offsetHeight) away(false);
      else if (jumping || y > lastY + 4) away(true);
      else if (y < lastY - 4) away(false);
      if (Math.abs(y - lastY) > 4 || y <= header.offsetHeight) jumping = false;
      lastY = y;
    }, { passive: true });
    // A link to a place on this page (or back from a footnote): the scroll it makes, either way,
    // leaves the header away.
    document.addEventListener("click", function (e) {
      var a = e.target && e.target.closest ? e.target.closest("a[href*='#']") : null;
      if (!a || !phone.matches || a.closest(".hb-header")) return;
      if (a.pathname === location.pathname && a.hash) jumping = true;
    });
    header.addEventListener("focusin", function () { away(false); });
    if (phone.addEventListener) phone.addEventListener("change", function () { away(false); });
  }

  // "On this page": the link of the last heading scrolled past (or at) the top is current.
  var toc = document.querySelector(".hb-toc");
  if (toc) {
    var marks = [];
    Array.prototype.forEach.call(toc.querySelectorAll('a[href^="#"]'), function (link) {
      var id;
      try { id = decodeURIComponent(link.getAttribute("href").slice(1)); } catch (e) { return; }
      var heading = document.getElementById(id);
      if (heading) marks.push({ link: link, heading: heading });
    });
    var current = null;
    var queued = false;
    // The heading a link led to (or the address names) is the one marked while it is in view:
    // near the end of a page it may never reach the top.
    var pinned = null;
    var pin = function () {
      var id;
      try { id = decodeURIComponent(window.location.hash.slice(1)); } catch (e) { id = ""; }
      pinned = null;
      for (var i = 0; i < marks.length; i++) if (id && marks[i].heading.id === id) pinned = marks[i];
    };
    var update = function () {
      queued = false;
      var line = 96;
      var found = null;
      for (var i = 0; i < marks.length; i++) {
        // A heading in a tab not shown has no place on the page.
        if (!marks[i].heading.getClientRects().length) continue;
        if (marks[i].heading.getBoundingClientRect().top > line) break;
        found = marks[i];
      }
      // At the very bottom, the last heading is the one being read even if it never reached
      // the top; a page too short to scroll is at its top, not its bottom.
      var bottom = window.scrollY > 0 && window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      if (bottom && marks.length && marks[marks.length - 1].heading.getBoundingClientRect().top < window.innerHeight) {
        found = marks[marks.length - 1];
      }
      if (pinned) {
        var at = pinned.heading.getBoundingClientRect().top;
        if (at >= -1 && at < window.innerHeight) found = pinned;
        else pinned = null;
      }
      if (found === current) return;
      if (current) current.link.removeAttribute("aria-current");
      if (found) found.link.setAttribute("aria-current", "true");
      current = found;
    };
    if (marks.length) {
      window.addEventListener("scroll", function () {
        if (!queued) { queued = true; window.requestAnimationFrame(update); }
      }, { passive: true });
      window.addEventListener("hashchange", function () { pin(); update(); });
      // A link to the heading the address names already changes no address.
      toc.addEventListener("click", function () { window.setTimeout(function () { pin(); update(); }, 0); });
      pin();
      update();
    }
  }

  // Tabs (GitBook's `{% tabs %}`): written one under the other, which is how they print and
  // read without this script; here the first shows and a tab list switches between them
  // (arrow keys, Home and End move along it, as the ARIA tabs pattern has it). Sets of one
  // group (Docusaurus' `groupId`) show the same tab, the reader's last choice, kept for the
  // next page; a set with a query parameter (`queryString`) keeps its tab in the address.
  var tabSets = [];
  var namedTabs = {};
  // A choice is kept for this handbook only (its root's address, from this script's): every
  // page opened from disk shares one storage, and so do handbooks published side by side.
  var script = document.currentScript;
  var site = script && script.src ? script.src.replace(/assets\/handbook\.js(\?.*)?$/, "") : "";
  var tabKey = function (group) { return "handbook.tab." + site + "|" + group; };
  var storedTab = function (group) {
    try { return window.localStorage.getItem(tabKey(group)); } catch (e) { return null; }
  };
  var storeTab = function (group, value) {
    try { window.localStorage.setItem(tabKey(group), value); } catch (e) { /* private */ }
  };
  var queryTab = function (name) {
    try { return new URLSearchParams(window.location.search).get(name); } catch (e) { return null; }
  };
  Array.prototype.forEach.call(document.querySelectorAll(".hb-tabs"), function (set, n) {
    var panels = Array.prototype.filter.call(set.children, function (c) {
      return c.classList.contains("hb-tab");
    });
    if (panels.length < 2) return;
    var list = document.createElement("div");
    list.className = "hb-tab-list";
    list.setAttribute("role", "tablist");
    var buttons = panels.map(function (panel, i) {
      var title = panel.querySelector(".hb-tab-title");
      var button = document.createElement("button");
      button.type = "button";
      button.id = "hb-tab-" + n + "-" + i;
      button.setAttribute("role", "tab");
      button.textContent = (title && title.textContent.trim()) || say("tab", { n: i + 1 });
      if (!panel.id) panel.id = "hb-tabpanel-" + n + "-" + i;
      button.setAttribute("aria-controls", panel.id);
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      panel.tabIndex = 0;
      if (title) title.classList.add("hb-tab-title-shown-by-list");
      list.appendChild(button);
      return button;
    });
    var values = panels.map(function (panel, i) {
      return panel.getAttribute("data-hb-value") || buttons[i].textContent;
    });
    var group = set.getAttribute("data-hb-group");
    var query = set.getAttribute("data-hb-query");
    var select = function (i, focus) {
      panels.forEach(function (panel, j) {
        panel.hidden = j !== i;
        buttons[j].setAttribute("aria-selected", j === i ? "true" : "false");
        buttons[j].tabIndex = j === i ? 0 : -1;
      });
      if (focus) buttons[i].focus();
    };
    // The reader's choice: the sets of its group follow, the button stays where it was on the
    // screen (the sets above it may change height), and the choice is kept.
    var choose = function (i, focus) {
      var before = buttons[i].getBoundingClientRect().top;
      select(i, focus);
      if (group !== null) {
        storeTab(group, values[i]);
        tabSets.forEach(function (other) {
          if (other.group === group && other.select !== select) other.show(values[i]);
        });
        window.scrollBy(0, buttons[i].getBoundingClientRect().top - before);
      }
      if (query) {
        try {
          var url = new URL(window.location.href);
          url.searchParams.set(query, values[i]);
          window.history.replaceState(window.history.state, "", url.href);
        } catch (e) { /* an address that cannot change (file:// in some browsers) */ }
      }
    };
    var show = function (value) {
      var i = values.indexOf(value);
      if (i >= 0) select(i, false);
      return i >= 0;
    };
    buttons.forEach(function (button, i) {
      button.addEventListener("click", function () { choose(i, false); });
      button.addEventListener("keydown", function (e) {
        var to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
        if (to === undefined) return;
        e.preventDefault();
        choose((to + buttons.length) % buttons.length, true);
      });
    });
    set.insertBefore(list, set.firstChild);
    set.classList.add("hb-tabs-on");
    // The tab the address names, else the group's last choice, else the one marked to show
    // first (Docusaurus' `default`), else the first.
    var named = (query && queryTab(query)) || null;
    var kept = group !== null ? storedTab(group) : null;
    if (named !== null && show(named)) {
      // The other sets of its group follow it on this page (the reader's own choice is kept).
      if (group !== null) namedTabs[group] = named;
    } else if (!(kept !== null && show(kept))) {
      var first = panels.findIndex(function (panel) { return panel.hasAttribute("data-hb-first"); });
      select(first < 0 ? 0 : first, false);
    }
    tabSets.push({ panels: panels, select: select, show: show, group: group });
  });
  tabSets.forEach(function (set) {
    if (set.group !== null && Object.prototype.hasOwnProperty.call(namedTabs, set.group)) {
      set.show(namedTabs[set.group]);
    }
  });
  // An element shown through the address (a heading, a search result's section) is in its tab.
  var revealTarget = function (element) {
    tabSets.forEach(function (set) {
      set.panels.forEach(function (panel, i) {
        if (panel.hidden && panel.contains(element)) set.select(i, false);
      });
    });
  };
  // A link written for GitHub or another generator may name a heading in other letters
  // (`#Getting-Started`, `#step-1:-setup`): the one element whose id has the same letters and
  // digits is the one meant, as `handbook check` accepts it (links.rs, loose_anchor).
  var looseKey = function (s) { return s.toLowerCase().replace(/[^\p{Alphabetic}\p{N}]/gu, ""); };
  var looseMatch = function (id) {
    var key = looseKey(id);
    if (!key) return null;
    var match = null;
    var all = document.querySelectorAll("[id]");
    for (var i = 0; i < all.length; i++) {
      if (looseKey(all[i].id) !== key) continue;
      if (match) return null;
      match = all[i];
    }
    return match;
  };
  // The element the address names, shown: found in other letters if need be (its id then put
  // in the address), in its tab opened.
  var showHash = function () {
    var hash = window.location.hash.slice(1);
    if (!hash) return;
    var id;
    try { id = decodeURIComponent(hash); } catch (e) { id = hash; }
    var element = document.getElementById(id);
    var loose = !element;
    if (loose) element = looseMatch(id);
    if (!element) return;
    var hidden = element.closest && element.closest(".hb-tab[hidden]");
    if (!loose && !hidden) return;
    revealTarget(element);
    if (loose) {
      try { window.history.replaceState(null, "", "#" + encodeURIComponent(element.id)); } catch (e) { /* file:// may refuse */ }
    }
    element.scrollIntoView();
  };
  window.addEventListener("hashchange", showHash);
  showHash();

  var print = document.querySelector(".hb-print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  // Each code block gets a button that copies its text as written (no colours; an mdBook
  // book's hidden Rust lines stay hidden; a terminal session's commands without their prompts
  // and output). The clipboard API needs a secure context (https, a local address, a file); a
  // site served over plain http on an intranet, or a page in a frame that may not write to the
  // clipboard, copies through a selection instead.
  var copied = document.createElement("p");
  copied.className = "hb-visually-hidden";
  copied.setAttribute("role", "status");
  var codes = document.querySelectorAll(".hb-content pre > code");
  if (codes.length) document.body.appendChild(copied);
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }
  function copyBySelection(text) {
    return new Promise(function (resolve, reject) {
      var focused = document.activeElement;
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      // Out of sight, but laid out as written: a selection copies spaces as they are shown.
      area.style.cssText = "position: fixed; top: 0; left: 0; width: 1px; height: 1px; opacity: 0; white-space: pre";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { /* refused */ }
      document.body.removeChild(area);
      // The selection took the focus: it goes back to the button.
      if (focused && focused.focus) focused.focus();
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }
  function codeText(code) {
    if (!code.querySelector(".hl-p")) return code.textContent;
    var commands = code.cloneNode(true);
    var left = commands.querySelectorAll(".hl-p, .hl-o");
    for (var i = 0; i < left.length; i++) {
      var line = left[i].parentNode;
      line.removeChild(left[i]);
      // A numbered or marked line of output goes with its line break, which follows its span.
      var own = line.classList.contains("hl-ln") || line.classList.contains("hl-line");
      if (own && left[i].classList.contains("hl-o") && line.textContent === "") {
        var next = line.nextSibling;
        if (next && next.nodeType === 3 && next.data.charAt(0) === "\n") next.data = next.data.slice(1);
        line.parentNode.removeChild(line);
      }
    }
    return commands.textContent;
  }
  function addCopyButton(code) {
    var pre = code.parentNode;
    var box = document.createElement("div");
    box.className = "hb-code";
    pre.parentNode.insertBefore(box, pre);
    box.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hb-copy";
    button.textContent = say("copy");
    button.setAttribute("aria-label", say("copy_code"));
    var timer = 0;
    button.addEventListener("click", function () {
      function show(label, message) {
        button.textContent = say(label);
        copied.textContent = say(message);
        clearTimeout(timer);
        timer = setTimeout(function () { button.textContent = say("copy"); copied.textContent = ""; }, 2000);
      }
      copyText(codeText(code)).then(
        function () { show("copied", "code_copied"); },
        function () { show("not_copied", "copy_failed"); });
      button.focus();
    });
    box.appendChild(button);
  }
  for (var c = 0; c < codes.length; c++) addCopyButton(codes[c]);
  // On touch screens the button stays over the end of the lines: they keep room for it, as
  // wide as its word in the handbook's language ("Copy", "Kopieren").
  // (Measured on a copy of a button: the first may be in a tab not shown.)
  var first = document.querySelector(".hb-copy");
  if (first) {
    var probe = first.cloneNode(true);
    probe.style.cssText = "position: absolute; visibility: hidden; top: 0; left: 0; right: auto";
    document.body.appendChild(probe);
    var width = probe.getBoundingClientRect().width;
    probe.remove();
    if (width > 0) root.style.setProperty("--hl-copy-room", Math.ceil(width + 12) + "px");
  }

  // A table, code block or formula wider than the text scrolls sideways: it then takes the
  // keyboard's focus, so that the arrow keys scroll it too; one that fits is no stop on the way
  // through the page. Looked at again whenever its size changes (the window's, or a tab that
  // shows it).
  var scrollers = document.querySelectorAll(
    ".hb-content table, .hb-content pre, .hb-content math[display=block]");
  function markScroller(element) {
    if (element.scrollWidth > element.clientWidth + 1) element.setAttribute("tabindex", "0");
    else if (element.getAttribute("tabindex") === "0") element.removeAttribute("tabindex");
  }
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) markScroller(entries[i].target);
    });
    for (var i = 0; i < scrollers.length; i++) observer.observe(scrollers[i]);
  } else {
    var markAll = function () {
      for (var i = 0; i < scrollers.length; i++) markScroller(scrollers[i]);
    };
    markAll();
    window.addEventListener("resize", markAll);
  }
})();
