/* Sourcing Glossary: instant term finder in the search dialog, A–Z filter, term tooltips
 * and copy-link buttons. Reads terms.json (slug, term, aliases, summary) published by the
 * build. Plain ES2017, no dependencies, nothing loaded from outside the site. */
(function () {
  "use strict";

  var config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
  var siteRoot = new URL((config.base || ".") + "/", location.href);
  var termsPromise = null;

  function loadTerms() {
    if (!termsPromise) {
      termsPromise = fetch(new URL("terms.json", siteRoot))
        .then(function (r) { return r.ok ? r.json() : { terms: [] }; })
        .then(function (data) { return prepare(data.terms || []); })
        .catch(function () { return prepare([]); });
    }
    return termsPromise;
  }

  function termUrl(slug) { return new URL("terms/" + slug + "/", siteRoot).href; }

  /* ---- Matching: forgiving of case, accents, hyphens, British spellings, word forms, typos ---- */

  var SPELLINGS = [[/tre$/, "ter"], [/our$/, "or"], [/isation$/, "ization"], [/ise$/, "ize"],
                   [/ised$/, "ized"], [/ising$/, "izing"], [/ller$/, "ler"], [/lling$/, "ling"],
                   [/lled$/, "led"], [/ogue$/, "og"]];

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[’']/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  function american(word) {
    if (word.length < 5) return word;
    for (var i = 0; i < SPELLINGS.length; i++) {
      if (SPELLINGS[i][0].test(word)) return word.replace(SPELLINGS[i][0], SPELLINGS[i][1]);
    }
    return word;
  }

  function stem(word) {
    var w = american(word);
    if (w === word && word.length > 5 && word.slice(-1) === "s" && american(word.slice(0, -1)) !== word.slice(0, -1)) {
      w = american(word.slice(0, -1));  // British plural: centres -> center
    }
    var endings = ["ings", "ing", "ers", "er", "ed", "es", "s", "e"];
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (w.length - e.length >= 4 && w.slice(-e.length) === e) return w.slice(0, -e.length);
    }
    return w;
  }

  function words(text) { var f = fold(text); return f ? f.split(" ") : []; }

  function analyse(text) {
    var w = words(text);
    var stems = w.map(stem);
    return { words: w, stems: stems, joined: w.map(american).join(""), text: w.join(" ") };
  }

  /* Damerau-Levenshtein distance, stopping early above `limit`. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        }
        if (cur[j] < best) best = cur[j];
      }
      if (best > limit) return limit + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  function allowedTypos(word) { return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0; }

  var STOPWORDS = {"a": 1, "an": 1, "and": 1, "are": 1, "for": 1, "in": 1, "is": 1, "of": 1, "on": 1,
                   "or": 1, "the": 1, "to": 1, "versus": 1, "vs": 1, "what": 1, "with": 1};

  function undouble(word) { return word.replace(/(.)\1+/g, "$1"); }

  /* How well one query word matches one name word, from 3 (same word) down to 0 (no match).
   * Doubled-letter slips (ofshoring) and typos that keep the first letter rank higher. */
  function wordMatch(q, qs, n, ns, isLast) {
    if (q === n || qs === ns) return 3;
    if (isLast && q.length >= 2 && (n.indexOf(q) === 0 || ns.indexOf(qs) === 0)) return 2.5;
    var limit = allowedTypos(q);
    if (!limit) return 0;
    if (undouble(q) === undouble(n)) return 2.4;
    var d = Math.min(distance(qs, ns, limit), distance(q, n, limit));
    if (d <= limit) return 2 - 0.5 * d + (q[0] === n[0] ? 0.3 : 0);
    if (isLast && q.length >= 5 && distance(q, n.slice(0, q.length), 1) <= 1) return 1.2;
    return 0;
  }

  /* Score of a query against one name (term or alias); 0 when it does not match. */
  function scoreName(query, name, memo) {
    if (!query.words.length || !name.words.length) return 0;
    if (query.text === name.text) return 1000;
    if (query.joined === name.joined) return 960;
    if (query.stems.join(" ") === name.stems.join(" ")) return 940;
    if (query.joined.length >= 2 && name.joined.indexOf(query.joined) === 0) {
      return 900 - Math.min(60, name.joined.length - query.joined.length);
    }
    var total = 0, matched = 0, counted = 0, used = [], firstMatched = false;
    var last = query.words.length - 1;
    for (var i = 0; i < query.words.length; i++) {
      if (query.words.length > 1 && STOPWORDS[query.words[i]]) continue;
      counted++;
      var best = 0, bestAt = -1;
      for (var j = 0; j < name.words.length; j++) {
        if (used[j]) continue;
        // Name words repeat across thousands of terms: compare each pair once per query.
        var key = i + "\u0001" + name.words[j];
        var m = memo[key];
        if (m === undefined) {
          m = memo[key] = wordMatch(query.words[i], query.stems[i], name.words[j], name.stems[j], i === last);
        }
        if (m > best) { best = m; bestAt = j; }
      }
      if (best) { used[bestAt] = true; matched++; total += best; if (counted === 1) firstMatched = true; }
    }
    if (!matched) {  // a typo across a word boundary (callcneter); typos rarely hit the first letter
      var limit = allowedTypos(name.joined);
      return limit && query.joined[0] === name.joined[0] &&
        distance(query.joined, name.joined, limit) <= limit ? 700 : 0;
    }
    var exactness = total / (3 * counted);
    // Partial match: the first word typed usually carries the meaning (nearshore outsourcing).
    if (matched < counted) return 300 + Math.round(200 * exactness) + (firstMatched ? 10 : 0);
    return 600 + Math.round(250 * exactness) + Math.round(50 * Math.min(1, counted / name.words.length));
  }

  function scoreText(query, analysed) {
    var hits = 0;
    for (var i = 0; i < query.stems.length; i++) {
      if (query.stems[i].length >= 3 && analysed.stemSet[query.stems[i]]) hits++;
    }
    return hits === query.stems.length ? 100 + hits : 0;
  }

  function prepare(terms) {
    return terms.map(function (t) {
      return {
        slug: t.slug, term: t.term, summary: t.summary, aliases: t.aliases || [],
        names: [t.term].concat(t.aliases || []).map(function (n, i) {
          var a = analyse(n); a.original = n; a.isTerm = i === 0; return a;
        }),
        summaryIndex: null  // built on first use: only queries that match no name need it
      };
    });
  }

  function summaryIndex(t) {
    if (!t.summaryIndex) {
      var stemSet = {};
      analyse(t.summary || "").stems.forEach(function (s) { stemSet[s] = true; });
      t.summaryIndex = { stemSet: stemSet };
    }
    return t.summaryIndex;
  }

  function find(terms, text, limit) {
    var query = analyse(text);
    if (!query.words.length) return [];
    var results = [], unnamed = [], memo = {};
    terms.forEach(function (t) {
      var best = 0, via = null;
      t.names.forEach(function (name) {
        var s = scoreName(query, name, memo) + (name.isTerm ? 5 : 0);
        if (s > best) { best = s; via = name; }
      });
      if (best > 5) results.push({ term: t, score: best, via: via.isTerm ? null : via.original });
      else unnamed.push(t);
    });
    // Summaries only when the names leave room: any name match outranks a summary match, and
    // indexing thousands of summaries while a reader types a term's name would hold up the keys.
    if (results.length < limit) {
      unnamed.forEach(function (t) {
        var score = scoreText(query, summaryIndex(t));
        if (score > 5) results.push({ term: t, score: score, via: null });
      });
    }
    results.sort(function (a, b) {
      return b.score - a.score || a.term.term.length - b.term.term.length || (a.term.term < b.term.term ? -1 : 1);
    });
    return results.slice(0, limit);
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  /* ---- Instant term finder inside Material's search dialog ----
   * Matching terms are shown as the first items of Material's own result list, in its own
   * markup, so its keyboard handling (arrows, Enter) and any reader of the list see them first.
   * Material empties and refills the list whenever its full-text results arrive; an observer
   * puts the term items back on top and hides Material's duplicates of them. */

  function setupQuickFind() {
    var input = document.querySelector(".md-search__input");
    var result = document.querySelector(".md-search-result");
    var list = result && result.querySelector(".md-search-result__list");
    var meta = result && result.querySelector(".md-search-result__meta");
    if (!input || !list || !meta) return;
    var items = [], pending = 0, ours = {};

    function item(r) {
      var article = el("article", { "class": "md-search-result__article md-typeset gl-quickfind__article",
                                    "data-md-score": String(1e9 + r.score) }, [
        el("h1", { text: r.term.term }),
        r.via ? el("p", { "class": "gl-quickfind__via", text: "also called " + r.via }) : null,
        el("p", { text: r.term.summary })
      ]);
      return el("li", { "class": "md-search-result__item gl-quickfind__item", "data-gl-quickfind": "" }, [
        el("a", { "class": "md-search-result__link", href: termUrl(r.term.slug) }, [article])
      ]);
    }

    function arrange() {
      observer.disconnect();
      var first = list.firstElementChild;
      for (var i = items.length - 1; i >= 0; i--) {
        if (list.children[i] !== items[i]) { list.insertBefore(items[i], list.firstChild); }
      }
      Array.prototype.forEach.call(list.children, function (li) {
        if (li.hasAttribute("data-gl-quickfind")) return;
        var a = li.querySelector("a[href]");  // Material's page-level result (?h= highlights the words)
        li.hidden = !!(a && !a.hash && ours[a.pathname]);
      });
      if (items.length && /^(No|Type|Initializing)/.test(meta.textContent.trim())) {
        meta.textContent = items.length === 1 ? "1 matching term" : items.length + " matching terms";
      }
      observe();
      return first;
    }

    var observer = new MutationObserver(arrange);
    function observe() {
      observer.observe(list, { childList: true });
      observer.observe(meta, { childList: true, characterData: true, subtree: true });
    }

    function render(terms, text) {
      items.forEach(function (li) { if (li.parentNode) li.parentNode.removeChild(li); });
      ours = {};
      items = find(terms, text, 5).map(function (r) {
        ours[new URL(termUrl(r.term.slug)).pathname] = true;
        return item(r);
      });
      list.setAttribute("data-gl-query", text);  // what the term items answer (tests wait for it)
      arrange();
    }

    // Search once typing pauses, not on every keystroke: a stale query is never computed.
    var timer = null;
    function update() {
      var ticket = ++pending;
      clearTimeout(timer);
      timer = setTimeout(function () {
        loadTerms().then(function (terms) { if (ticket === pending) render(terms, input.value); });
      }, 40);
    }

    input.addEventListener("input", update);
    input.addEventListener("focus", function () { loadTerms(); if (input.value) update(); });
    if (input.form) input.form.addEventListener("reset", function () { render([], ""); });
    observe();
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
      var m = a && a.pathname.match(/\/terms\/([a-z0-9-]+)\/?$/);
      return m ? m[1] : null;
    }

    input.addEventListener("input", function () {
      loadTerms().then(function (terms) {
        var text = input.value.trim();
        var shown = {};
        if (text) find(terms, text, terms.length).forEach(function (r) { shown[r.term.slug] = r.score; });
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
        status.textContent = text ? (count ? count + (count === 1 ? " term matches" : " terms match") : "No term matches “" + text + "”. Try fewer letters or the search box.") : "";
      });
    });
  }

  /* ---- Tooltips on links to term pages ---- */

  function setupTooltips() {
    var content = document.querySelector(".md-content article");
    if (!content) return;
    var links = Array.prototype.filter.call(content.querySelectorAll("a[href]"), function (a) {
      return /\/terms\/[a-z0-9-]+\/?$/.test(a.pathname) && a.origin === location.origin &&
        !a.closest(".gl-az, h1, h2, h3, .headerlink, .gl-footer") && a.pathname !== location.pathname;
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
      loadTerms().then(function (terms) {
        var slug = a.pathname.match(/\/terms\/([a-z0-9-]+)\/?$/)[1];
        var t = terms.filter(function (x) { return x.slug === slug; })[0];
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
    var article = document.querySelector(".md-content article");
    if (!article || !document.querySelector(".gl-summary")) return;
    var canonical = document.querySelector("link[rel=canonical]");
    var base = (canonical ? canonical.href : location.href).split("#")[0];
    var status = el("p", { "class": "gl-copy-status md-visually-hidden", "role": "status", "aria-live": "polite" });
    article.appendChild(status);
    var headings = article.querySelectorAll("h1, h2[id]");
    Array.prototype.forEach.call(headings, function (h) {
      var name = h.tagName === "H1" ? "this term" : "the section “" + h.textContent.replace("¶", "").trim() + "”";
      var url = h.tagName === "H1" ? base : base + "#" + h.id;
      var button = el("button", { "type": "button", "class": "gl-copy", "data-url": url,
                                  "aria-label": "Copy link to " + name, "title": "Copy link to " + name }, [
        el("span", { "class": "gl-copy__text", text: "Copy link" })
      ]);
      button.addEventListener("click", function () {
        copy(url).then(function () {
          status.textContent = "Link copied: " + url;
          button.classList.add("gl-copy--done");
          setTimeout(function () { button.classList.remove("gl-copy--done"); }, 1500);
        });
      });
      h.appendChild(button);
    });
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function fallbackCopy(text) {
    var area = el("textarea", { "readonly": "", "class": "md-visually-hidden" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the status line still shows the link */ }
    document.body.removeChild(area);
  }

  function start() {
    // Material's search dialog has no accessible name (axe: aria-dialog-name).
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search the glossary");
    setupQuickFind();
    setupAzFilter();
    setupTooltips();
    setupCopyLinks();
    if ("requestIdleCallback" in window) requestIdleCallback(loadTerms); else setTimeout(loadTerms, 200);
  }

  window.sourcingGlossary = { find: function (text, limit) { return loadTerms().then(function (t) { return find(t, text, limit || 10); }); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
