/* Sourcing Glossary: everything the glossary's scripts rely on in Material for MkDocs' internals,
 * in one file, so that a theme upgrade (or a move to another theme) is checked and mended here.
 * The page loads it from main.html, between the theme's settings and its bundle; the search
 * worker wrapper (workers/glossary-search.js) loads it with importScripts.
 *
 * What it relies on, as mkdocs-material 9.8.1 (pinned in requirements.txt) ships it:
 *  1. base.html writes <script id="__config" type="application/json"> before the bundle's script,
 *     and the bundle reads it once, as it loads: "base" (the site root, relative to the page;
 *     absolute on the 404 page), "search" (the address of the theme's search worker) and
 *     "translations" ("search.result.none", "search.result.placeholder").
 *  2. partials/search.html writes "search.result.initializer" as the count line's first text
 *     (9.8.1 does not put that one among the translations in #__config).
 *  3. The theme's search worker is assets/javascripts/workers/search.<hex>.min.js, and it loads its
 *     language files relative to its own address.
 *  4. The bundle's first message to that worker is SETUP = 0: {type: 0, data: {config, docs, ...}}.
 *  5. The theme's worker listens with addEventListener("message"): a listener added before its
 *     script is imported runs first, and its stopImmediatePropagation() keeps the message from it.
 *  6. The search dialog: .md-search[role=dialog], with no accessible name; .md-search__input, in
 *     a form; .md-search-result__meta, the count line; .md-search-result__list, of
 *     li.md-search-result__item > a.md-search-result__link > article.md-search-result__article
 *     .md-typeset[data-md-score] > h1, p. A page's own result links to it with no #fragment.
 *  7. When its results arrive, Material empties the list and refills it, and writes the count
 *     line from the translations ("search.result.none", "...placeholder", "...one", "...other").
 *     Enter follows the link whose article has the highest data-md-score; the arrow keys move the
 *     focus along the list's links.
 *  8. A page's content is .md-content article; .md-visually-hidden hides an element from sight,
 *     not from screen readers.
 */
(function (scope) {
  "use strict";

  var SETUP = 0;
  var THEME_WORKER = /^search\.[0-9a-f]+\.min\.js$/;
  var THEME_PARAMETER = "material";  // names the theme's worker in the address of the wrapper

  /* ---- The page ---- */

  // Read as this file loads, before the theme's bundle has changed the count line (2).
  var config = {}, initializer = null;
  if (typeof document !== "undefined") {
    config = JSON.parse((document.getElementById("__config") || {}).textContent || "{}");
    var meta = document.querySelector(".md-search-result__meta");
    initializer = meta && meta.textContent.trim();
  }

  /* Has the theme start `fileName` instead of its search worker. The file sits in the folder of
   * the theme's worker, which then finds its language files as before, and is told the theme's
   * worker's name; runSearchWorker, there, loads it. Runs before the bundle reads #__config. */
  function replaceSearchWorker(fileName) {
    var theme = new URL(config.search, location.href);
    var name = theme.pathname.slice(theme.pathname.lastIndexOf("/") + 1);
    config.search = new URL(fileName + "?" + THEME_PARAMETER + "=" + encodeURIComponent(name), theme).href;
    document.getElementById("__config").textContent = JSON.stringify(config);
  }

  // "base" is relative on most pages ("../.."), absolute on the 404 page ("/"), which may be
  // served at any missing path: "/" + "/" would be a scheme-relative URL with no host.
  function siteRoot() {
    return new URL((config.base || ".").replace(/\/?$/, "/"), location.href);
  }

  function nameSearchDialog(name) {  // axe: aria-dialog-name
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", name);
  }

  function content() { return document.querySelector(".md-content article"); }

  /* An item of the result list in Material's markup, so that its keyboard handling treats it as
   * one of its own: `rank` above Material's scores makes it the one Enter opens. */
  function resultItem(href, rank, title, paragraphs) {
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    article.setAttribute("data-md-score", String(rank));
    var heading = document.createElement("h1");
    heading.textContent = title;
    article.appendChild(heading);
    paragraphs.forEach(function (p) { if (p) article.appendChild(p); });
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = href;
    link.appendChild(article);
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.appendChild(link);
    return li;
  }

  /* The search dialog's result list, with items of the glossary's own shown first; null when
   * the page has no search dialog. show(items, count, pages) puts `items` (made by item) at the
   * top, and again whenever Material refills the list; hides Material's results for the pages
   * in `pages` (pathnames), which the items repeat; and writes `count` in the count line while
   * Material's says it has found nothing. */
  function searchResults() {
    var input = document.querySelector(".md-search__input");
    var result = document.querySelector(".md-search-result");
    var list = result && result.querySelector(".md-search-result__list");
    var meta = result && result.querySelector(".md-search-result__meta");
    if (!input || !list || !meta) return null;
    var translations = config.translations || {};
    var saysNothing = [translations["search.result.none"], translations["search.result.placeholder"], initializer];
    var items = [], count = null, repeated = {}, focused = null;
    var material = meta.textContent.trim(), written = null;  // the count line as Material and we last wrote it

    function ours(node) { return items.some(function (li) { return li.contains(node); }); }

    list.addEventListener("focusin", function (event) {
      focused = ours(event.target) ? event.target : null;
    });

    function arrange() {
      observer.disconnect();
      for (var i = items.length - 1; i >= 0; i--) {
        if (list.children[i] !== items[i]) { list.insertBefore(items[i], list.firstChild); }
      }
      // Material empties the list when its results arrive: an item of ours the reader had
      // reached with the arrow keys lost the focus with it, and gets it back.
      if (focused && focused.isConnected && (!document.activeElement || document.activeElement === document.body)) {
        focused.focus();
      }
      Array.prototype.forEach.call(list.children, function (li) {
        if (items.indexOf(li) >= 0) return;
        var a = li.querySelector("a[href]");  // Material's result for the page itself (?h= highlights the words)
        li.hidden = !!(a && !a.hash && repeated[a.pathname]);
      });
      // Our count stands in for Material's while it says there is nothing, and only then: once
      // the items change, what it last wrote comes back or is replaced by the new count.
      var shown = meta.textContent.trim();
      if (shown !== written) material = shown;
      var wanted = items.length && saysNothing.indexOf(material) >= 0 ? count : material;
      if (wanted !== shown) meta.textContent = wanted;
      written = wanted;
      observe();
    }

    var observer = new MutationObserver(arrange);
    function observe() {
      observer.observe(list, { childList: true });
      observer.observe(meta, { childList: true, characterData: true, subtree: true });
    }
    observe();

    return {
      input: input,
      list: list,
      item: resultItem,
      show: function (newItems, newCount, pages) {
        items.forEach(function (li) { if (li.parentNode) li.parentNode.removeChild(li); });
        items = newItems;
        count = newCount;
        focused = null;
        repeated = {};
        pages.forEach(function (path) { repeated[path] = true; });
        arrange();
      }
    };
  }

  /* ---- The search worker ---- */

  /* In the worker that replaceSearchWorker put in the theme's worker's place: hands the theme's
   * worker its setup message once `complete(config)` has given the documents for it (a promise;
   * null passes the message on as it is), then loads the theme's worker. */
  function runSearchWorker(complete) {
    var handing = false;  // while the completed message is dispatched to the theme's worker
    // Added before the theme's worker is loaded, so this listener runs first (5).
    scope.addEventListener("message", function (event) {
      var message = event.data;
      var setup = !handing && message && message.type === SETUP && message.data && message.data.config;
      var documents = setup && complete(setup);
      if (!documents) return;
      event.stopImmediatePropagation();
      documents.then(function (docs) {
        message.data.docs = docs;
        handing = true;
        scope.dispatchEvent(new MessageEvent("message", { data: message }));
        handing = false;
      });
    });
    var theme = new URL(scope.location.href).searchParams.get(THEME_PARAMETER) || "";
    if (!THEME_WORKER.test(theme)) throw new Error("glossary search: no theme worker named");
    scope.importScripts(theme);
  }

  scope.materialAdapter = {
    replaceSearchWorker: replaceSearchWorker,
    siteRoot: siteRoot,
    nameSearchDialog: nameSearchDialog,
    content: content,
    searchResults: searchResults,
    VISUALLY_HIDDEN: "md-visually-hidden",
    runSearchWorker: runSearchWorker
  };
})(self);
