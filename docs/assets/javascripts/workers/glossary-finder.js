/* Sourcing Glossary: the term finder, in a worker of its own, so that reading the list of terms
 * (megabytes for thousands of terms) and comparing a query with every name never holds up the
 * page while a reader types. Reads terms.json (slug, term, aliases, summary) from the site root,
 * and terms-text.json when a query first needs it; the matching is ../glossary-match.js's.
 *
 * Messages in:  {id, type: "find", text, limit, suggest, names}  and  {id, type: "term", slug}
 * Messages out: {id, results: [{slug, term, summary, via, score, kind, path, suggested}]}  and
 *               {id, term: {...} | null}. A comparison page comes as kind "comparison" with its
 *               path and no slug; with `suggest`, a query that matches nothing gets the closest
 *               terms, marked `suggested`.
 */
importScripts("../glossary-match.js");
(function () {
  "use strict";

  var match = self.glossaryMatch;
  var termsUrl = new URL("../../../terms.json", self.location.href);  // this file is assets/javascripts/workers/
  var textUrl = new URL("../../../terms-text.json", self.location.href);
  var termsPromise = null, textPromise = null;

  function loadTerms() {
    if (!termsPromise) {
      termsPromise = fetch(termsUrl)
        .then(function (r) { return r.ok ? r.json() : { terms: [] }; })
        .then(match.prepare)
        .catch(function () { return match.prepare({}); });
    }
    return termsPromise;
  }

  function loadText(terms) {
    if (!textPromise) {
      textPromise = fetch(textUrl)
        .then(function (r) { return r.ok ? r.json() : { terms: {} }; })
        .catch(function () { return { terms: {} }; })
        .then(function (data) { match.addText(terms, data); });
    }
    return textPromise;
  }

  // The entries' text is read, once, when the first query needs it (glossary-match.js, search).
  function answer(terms, message) {
    function search() { return match.search(terms, message.text, message.limit, message.suggest, message.names); }
    var found = search();
    return found ? Promise.resolve(found) : loadText(terms).then(search);
  }

  function brief(t) { return { slug: t.slug, term: t.term, summary: t.summary }; }

  function reply(r) {
    var found = r.comparison
      ? { slug: null, path: r.comparison.path, term: r.comparison.title, summary: r.comparison.summary, kind: "comparison" }
      : brief(r.term);
    found.via = r.via || null; found.score = r.score; found.suggested = !!r.suggested;
    return found;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    loadTerms().then(function (terms) {
      if (message.type === "find") {
        answer(terms, message).then(function (results) {
          postMessage({ id: message.id, results: results.map(reply) });
        });
      } else if (message.type === "term") {
        var t = terms.bySlug[message.slug];
        postMessage({ id: message.id, term: t ? brief(t) : null });
      }
    });
  });

  var loaded = loadTerms();  // read the terms as soon as the page starts the worker

  // The search worker waits for the finder before it fetches and indexes the full text: on a
  // machine with two cores, both at once left the finder answering the first keys late.
  // It asks on this channel; the finder answers once it is ready, and says so when it becomes so.
  if (typeof BroadcastChannel !== "undefined") {
    var channel = new BroadcastChannel("sourcing-glossary");
    loaded.then(function () {
      channel.addEventListener("message", function (event) {
        if (event.data === "finder-ready?") channel.postMessage("finder-ready");
      });
      channel.postMessage("finder-ready");
    });
  }
})();
