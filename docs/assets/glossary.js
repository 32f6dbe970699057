/* Sourcing Glossary: instant term finder in the search dialog, A–Z filter, term tooltips
 * and copy-link buttons. The finder's worker reads terms.json (slug, term, aliases, summary),
 * published by the build. What it needs of the theme, it asks javascripts/material-adapter.js
 * (loaded by main.html). Plain ES2017, no dependencies, nothing loaded from outside the site. */
(function () {
  "use strict";

  var material = window.materialAdapter;
  var siteRoot = material.siteRoot();
  var TERMS_DIR = "terms/";  // urls.TERMS_DIR: part of the addresses the site promises to keep
  var termsRoot = new URL(TERMS_DIR, siteRoot);

  /* ---- The term finder: matching runs in a worker (assets/javascripts/workers/glossary-finder.js)
   * that reads terms.json itself, so the page stays free while a reader types ---- */

  var finder = null, waiting = {}, asked = 0;  // finder: null until started, false if it cannot run
  var NO_ANSWER = { results: [], term: null };  // what the page hears when there is no finder

  function startFinder() {
    try {
      finder = new Worker(new URL("assets/javascripts/workers/glossary-finder.js", siteRoot));
    } catch (error) {  // e.g. a page opened from file://: the search box still has Material's search
      finder = false;
      return;
    }
    finder.addEventListener("message", function (event) {
      var resolve = waiting[event.data.id];
      delete waiting[event.data.id];
      if (resolve) resolve(event.data);
    });
    finder.addEventListener("error", function () {  // its script did not load or failed
      finder = false;
      Object.keys(waiting).forEach(function (id) { waiting[id](NO_ANSWER); });
      waiting = {};
    });
  }

  function ask(message) {
    if (finder === null) startFinder();
    if (!finder) return Promise.resolve(NO_ANSWER);
    message.id = ++asked;
    return new Promise(function (resolve) { waiting[message.id] = resolve; finder.postMessage(message); });
  }

  /* Terms and comparison pages matching `text`, best first: [{slug, term, summary, via, score,
   * kind, path, suggested}] (`via`: the alias that matched, if not the term itself; a comparison
   * has kind "comparison" and a path). Without `limit`, every match. With `suggest`, a query
   * that matches nothing gets the closest terms instead, marked `suggested`. */
  function find(text, limit, suggest, namesOnly) {
    return ask({ type: "find", text: text, limit: limit || 0, suggest: !!suggest, names: !!namesOnly })
      .then(function (reply) { return reply.results; });
  }

  function termUrl(slug) { return new URL(slug + "/", termsRoot).href; }

  /* The slug of the term page a link of this site leads to; null for any other page. */
  function termSlug(link) {
    var inTerms = link.origin === termsRoot.origin && link.pathname.indexOf(termsRoot.pathname) === 0;
    var m = inTerms && /^([a-z0-9-]+)\/?$/.exec(link.pathname.slice(termsRoot.pathname.length));
    return m ? m[1] : null;
  }

  function resultUrl(r) { return r.path ? new URL(r.path, siteRoot).href : termUrl(r.slug); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  /* ---- Instant term finder inside the theme's search dialog ----
   * Matching terms are shown as the first items of the theme's own result list, in its own
   * markup, so its keyboard handling (arrows, Enter) and any reader of the list see them first;
   * the adapter keeps them there when the theme's full-text results arrive. */

  function setupQuickFind() {
    var results = material.searchResults();
    if (!results) return;
    var input = results.input;

    function item(href, rank, title, paragraphs) {
      var li = results.item(href, rank, title, paragraphs);
      li.setAttribute("data-gl-quickfind", "");  // ours, not the theme's (tests and the benchmark look for it)
      return li;
    }

    function termItem(r) {
      var note = r.kind === "comparison" ? "Comparison page" : r.via ? "also called " + r.via : null;
      return item(resultUrl(r), 1e9 + r.score, r.term, [
        note ? el("p", { "class": "gl-quickfind__via", text: note }) : null,
        el("p", { text: r.summary })
      ]);
    }

    // A query that matches no term still leaves something to click: the closest terms (the
    // finder's suggestions) and the A-Z index.
    function indexItem() {
      return item(termsRoot.href, 1, "Browse the A–Z index", [
        el("p", { text: "Every term of the glossary with a one-line summary." })
      ]);
    }

    function render(found, text) {
      var suggesting = !!text.trim() && finder !== false && (!found.length || found[0].suggested);
      var items = found.map(termItem);
      if (suggesting) items.push(indexItem());
      var count = suggesting ? "No exact match. Did you mean:"
        : found.length === 1 ? "1 matching term" : found.length + " matching terms";
      results.show(items, count, found.map(function (r) { return new URL(resultUrl(r)).pathname; }));
      results.list.setAttribute("data-gl-query", text);  // what the term items answer (tests wait for it)
    }

    // Ask once typing pauses, and one query at a time: keys typed while the finder works are
    // answered together, by one query for what the box holds then. No stale query is computed.
    var timer = null, busy = false;
    function update() {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 30);
    }
    function lookUp() {
      if (busy) return;  // asked again with what the box holds when the answer comes
      var text = input.value;
      if (!text.trim()) { render([], text); return; }
      busy = true;
      find(text, 5, true).then(function (found) {
        busy = false;
        if (input.value !== text) { lookUp(); return; }
        render(found, text);
      });
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value) update(); });
    if (input.form) input.form.addEventListener("reset", function () { render([], ""); });
  }

  /* ---- A–Z filter ---- */

  function setupAzFilter() {
    var az = document.querySelector(".gl-az");
    if (!az) return;
    var status = el("p", { "class": "gl-az-filter__status", "role": "status", "aria-live": "polite" });
    var input = el("input", {
      "type": "search", "id": "gl-az-filter", "class": "gl-az-filter__input", "autocomplete": "off",
      "placeholder": "e.g. BPO, call centre, nearsh…", "aria-describedby": "gl-az-filter-status"
    });
    status.id = "gl-az-filter-status";
    var label = el("label", { "for": "gl-az-filter", "class": "gl-az-filter__label", text: "Filter terms" });
    az.parentNode.insertBefore(el("div", { "class": "gl-az-filter" }, [label, input, status]), az);
    var items = Array.prototype.slice.call(az.querySelectorAll("li"));

    function slugOf(li) {
      var a = li.querySelector("a[href]");
      return a && termSlug(a);
    }

    input.addEventListener("input", function () {
      var text = input.value.trim();
      (text ? find(text, 0, false, true) : Promise.resolve([])).then(function (results) {
        if (input.value.trim() !== text) return;  // a later key has asked again
        var shown = {};
        results.forEach(function (r) { shown[r.slug] = r.score; });
        var count = 0;
        items.forEach(function (li) {
          var visible = !text || shown[slugOf(li)] !== undefined;
          li.hidden = !visible;
          if (visible) count++;
        });
        Array.prototype.forEach.call(az.querySelectorAll("h2"), function (h) {
          var list = h.nextElementSibling;
          var any = list && list.querySelector("li:not([hidden])");
          h.hidden = !any;
          if (list) list.hidden = !any;
        });
        az.setAttribute("data-gl-query", text);  // what the list now shows (tests wait for it)
        status.textContent = text ? (count ? count + (count === 1 ? " term matches" : " terms match") : "No term matches “" + text + "”. Try fewer letters or the search box.") : "";
      });
    });
  }

  /* ---- Tooltips on links to term pages ---- */

  function setupTooltips() {
    var content = material.content();
    if (!content) return;
    var links = Array.prototype.filter.call(content.querySelectorAll("a[href]"), function (a) {
      return termSlug(a) && !a.closest(".gl-az, h1, h2, h3, .headerlink, .gl-footer") && a.pathname !== location.pathname;
    });
    if (!links.length) return;
    var tip = el("div", { "class": "gl-tooltip", "role": "tooltip", "id": "gl-tooltip", "hidden": "" });
    document.body.appendChild(tip);
    var current = null, touchArmed = null;

    function hide() {
      if (current) current.removeAttribute("aria-describedby");
      current = null; touchArmed = null; tip.hidden = true;
    }

    function show(a, withOpenLink) {
      ask({ type: "term", slug: termSlug(a) }).then(function (reply) {
        var t = reply.term;
        if (!t) return;
        tip.textContent = "";
        tip.appendChild(el("strong", { text: t.term }));
        tip.appendChild(el("span", { text: " " + t.summary }));
        if (withOpenLink) tip.appendChild(el("a", { href: a.href, "class": "gl-tooltip__open", text: "Open “" + t.term + "” →" }));
        if (current && current !== a) current.removeAttribute("aria-describedby");
        current = a;
        a.setAttribute("aria-describedby", "gl-tooltip");
        tip.hidden = false;
        var r = a.getBoundingClientRect();
        var top = window.scrollY + r.bottom + 6;
        var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
        tip.style.top = top + "px";
        tip.style.left = left + "px";
      });
    }

    links.forEach(function (a) {
      a.classList.add("gl-termlink");
      a.addEventListener("mouseenter", function () { show(a, false); });
      a.addEventListener("mouseleave", function (e) { if (!tip.contains(e.relatedTarget)) hide(); });
      a.addEventListener("focus", function () { show(a, false); });
      a.addEventListener("blur", function (e) { if (!tip.contains(e.relatedTarget)) hide(); });
      // Touch: the first tap shows the summary, a second tap (or the link in it) opens the term.
      a.addEventListener("click", function (e) {
        if (a.dataset.glTouch === "1" && touchArmed !== a) {
          e.preventDefault();
          touchArmed = a;
          show(a, true);
        }
      });
      a.addEventListener("pointerdown", function (e) { a.dataset.glTouch = e.pointerType === "touch" ? "1" : ""; });
    });
    tip.addEventListener("mouseleave", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    document.addEventListener("click", function (e) {
      if (current && !tip.contains(e.target) && e.target !== current && !current.contains(e.target)) hide();
    });
  }

  /* ---- Copy-link buttons for the term and its sections ---- */

  function setupCopyLinks() {
    var article = material.content();
    if (!article || !document.querySelector(".gl-summary")) return;
    var canonical = document.querySelector("link[rel=canonical]");
    var base = (canonical ? canonical.href : location.href).split("#")[0];
    var status = el("p", { "class": "gl-copy-status " + material.VISUALLY_HIDDEN, "role": "status", "aria-live": "polite" });
    article.appendChild(status);
    var headings = article.querySelectorAll("h1, h2[id]");
    Array.prototype.forEach.call(headings, function (h) {
      var name = h.tagName === "H1" ? "this term" : "the section “" + h.textContent.replace("¶", "").trim() + "”";
      var url = h.tagName === "H1" ? base : base + "#" + h.id;
      var button = el("button", { "type": "button", "class": "gl-copy", "data-url": url,
                                  "aria-label": "Copy link to " + name, "title": "Copy link to " + name }, [
        el("span", { "class": "gl-copy__text", text: "Copy link" })
      ]);
      button.addEventListener("click", function () { copyAndTell(button, status, url, "Link copied: " + url); });
      h.appendChild(button);
    });
  }

  /* ---- "Embed" beside the term's "Copy link": copies an iframe of the term's card (cards/<slug>/),
   * at the site's address (the card link in the footer, read against the canonical URL) ---- */

  var EMBED_WIDTH = 480, EMBED_HEIGHT = 400;

  function setupEmbed() {
    var article = material.content();
    var card = article && article.querySelector("a.gl-card-link");
    var copyTerm = article && article.querySelector("h1 .gl-copy");
    var status = document.querySelector(".gl-copy-status");
    if (!card || !copyTerm || !status) return;
    var canonical = document.querySelector("link[rel=canonical]");
    var src = new URL(card.getAttribute("href"), canonical ? canonical.href : location.href).href;
    var snippet = '<iframe src="' + attribute(src) + '" title="' + attribute(document.title) + '" width="' +
      EMBED_WIDTH + '" height="' + EMBED_HEIGHT + '" loading="lazy"></iframe>';
    var name = "Copy the embed code of this term's card";
    var button = el("button", { "type": "button", "class": "gl-copy gl-embed", "aria-label": name, "title": name }, [
      el("span", { "class": "gl-copy__text", text: "Embed" })
    ]);
    button.addEventListener("click", function () {
      copyAndTell(button, status, snippet, "Embed code copied: " + snippet);
    });
    copyTerm.parentNode.insertBefore(button, copyTerm.nextSibling);
  }

  function attribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* Copy `text`, say so in the live region `status` and tick the button for a moment. */
  function copyAndTell(button, status, text, message) {
    copy(text).then(function () {
      status.textContent = message;
      button.classList.add("gl-copy--done");
      setTimeout(function () { button.classList.remove("gl-copy--done"); }, 1500);
    });
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function fallbackCopy(text) {
    var area = el("textarea", { "readonly": "", "class": material.VISUALLY_HIDDEN });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the status line still shows the link */ }
    document.body.removeChild(area);
  }

  function start() {
    material.nameSearchDialog("Search the glossary");
    setupQuickFind();
    setupAzFilter();
    setupTooltips();
    setupCopyLinks();
    setupEmbed();
    // Start the finder now: it reads the terms in its own thread, ready for the first key.
    if (finder === null) startFinder();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
