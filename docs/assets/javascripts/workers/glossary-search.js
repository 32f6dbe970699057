/* Sourcing Glossary: the theme's search worker, fed its full-text index here.
 *
 * The page sends the worker a setup message with the index. Material fetches and parses that
 * index on the page's main thread and copies it into the worker: for thousands of terms that is
 * tens of megabytes, and keys typed meanwhile wait. The glossary publishes only the index's
 * settings at search/search_index.json, with the name of the file that holds the documents
 * (config.glossary_docs, relative to the site root); this wrapper fetches that file inside the
 * worker, and the adapter (../material-adapter.js) hands the theme's worker the setup message.
 */
importScripts("../material-adapter.js");
(function () {
  "use strict";
  var siteRoot = new URL("../../../", self.location.href); // this file is assets/javascripts/workers/

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

  self.materialAdapter.runSearchWorker(function (config) {
    if (!config.glossary_docs) return null;
    var docsUrl = new URL(config.glossary_docs, siteRoot);
    delete config.glossary_docs;
    return finderReady()
      .then(function () { return fetch(docsUrl); })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .catch(function (error) {
        console.error("glossary search: could not load " + docsUrl + ": " + error);
        return { docs: [] }; // the term finder still answers; full-text search finds nothing
      })
      .then(function (index) { return index.docs; });
  });
})();
