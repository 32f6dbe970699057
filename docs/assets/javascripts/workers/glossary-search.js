/* Sourcing Glossary: the theme's search worker, fed its full-text index here.
 *
 * The page sends the worker a setup message with the index. Material fetches and parses that
 * index on the page's main thread and copies it into the worker: for thousands of terms that is
 * tens of megabytes, and keys typed meanwhile wait. The glossary publishes only the index's
 * settings at search/search_index.json, with the name of the file that holds the documents
 * (config.glossary_docs, relative to the site root); this wrapper fetches that file inside the
 * worker and hands the theme's worker the setup message it expects.
 */
(function () {
  "use strict";
  var SETUP = 0; // Material's SearchMessageType.SETUP
  var siteRoot = new URL("../../../", self.location.href); // this file is assets/javascripts/workers/
  var theme = new URL(self.location.href).searchParams.get("material") || "";

  addEventListener("message", function (event) {
    var message = event.data;
    var config = message && message.type === SETUP && message.data && message.data.config;
    if (!config || !config.glossary_docs) return;
    event.stopImmediatePropagation(); // the theme's worker gets the completed message below
    var docsUrl = new URL(config.glossary_docs, siteRoot);
    delete config.glossary_docs;
    finderReady()
      .then(function () { return fetch(docsUrl); })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .catch(function (error) {
        console.error("glossary search: could not load " + docsUrl + ": " + error);
        return { docs: [] }; // the term finder still answers; full-text search finds nothing
      })
      .then(function (index) {
        message.data.docs = index.docs;
        dispatchEvent(new MessageEvent("message", { data: message }));
      });
  });

  /* Resolves when the term finder (glossary-finder.js) has read the terms, or after FINDER_WAIT
   * ms at the most: names are what readers type first, and on two cores indexing the full text
   * at the same time held the finder up. */
  var FINDER_WAIT = 1500;
  function finderReady() {
    return new Promise(function (resolve) {
      if (typeof BroadcastChannel === "undefined") { resolve(); return; }
      var channel = new BroadcastChannel("sourcing-glossary");
      var timer = setTimeout(done, FINDER_WAIT);
      function done() { clearTimeout(timer); channel.close(); resolve(); }
      channel.addEventListener("message", function (event) { if (event.data === "finder-ready") done(); });
      channel.postMessage("finder-ready?");
    });
  }

  if (!/^search\.[0-9a-f]+\.min\.js$/.test(theme)) throw new Error("glossary search: no theme worker named");
  importScripts(theme); // same folder: the theme's worker resolves its language files as before
})();
