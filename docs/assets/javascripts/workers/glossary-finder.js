/* Sourcing Glossary: the term finder's matching, in a worker of its own, so that reading the
 * list of terms (megabytes for thousands of terms) and comparing a query with every name never
 * holds up the page while a reader types. Reads terms.json (slug, term, aliases, summary) from
 * the site root; this file is assets/javascripts/workers/. Plain ES2017, no dependencies.
 *
 * Messages in:  {id, type: "find", text, limit}  and  {id, type: "term", slug}
 * Messages out: {id, results: [{slug, term, summary, via, score}]}  and  {id, term: {...} | null}
 */
(function () {
  "use strict";

  var termsUrl = new URL("../../../terms.json", self.location.href);
  var termsPromise = null;

  function loadTerms() {
    if (!termsPromise) {
      termsPromise = fetch(termsUrl)
        .then(function (r) { return r.ok ? r.json() : { terms: [] }; })
        .then(function (data) { return prepare(data.terms || []); })
        .catch(function () { return prepare([]); });
    }
    return termsPromise;
  }

  /* ---- Matching: forgiving of case, accents, hyphens, British spellings, word forms, typos ---- */

  var SPELLINGS = [[/tre$/, "ter"], [/our$/, "or"], [/isation$/, "ization"], [/ise$/, "ize"],
                   [/ised$/, "ized"], [/ising$/, "izing"], [/ller$/, "ler"], [/lling$/, "ling"],
                   [/lled$/, "led"], [/ogue$/, "og"]];

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[’']/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }

  var BRITISH = /(?:tre|our|isation|ise|ised|ising|ller|lling|lled|ogue)$/;  // the endings SPELLINGS changes

  function american(word) {
    if (word.length < 5 || !BRITISH.test(word)) return word;
    for (var i = 0; i < SPELLINGS.length; i++) {
      if (SPELLINGS[i][0].test(word)) return word.replace(SPELLINGS[i][0], SPELLINGS[i][1]);
    }
    return word;
  }

  // Words repeat across thousands of names and summaries: each is stemmed once.
  var stems = new Map();

  function stem(word) {
    var known = stems.get(word);
    if (known === undefined) { known = stemOf(word); stems.set(word, known); }
    return known;
  }

  function stemOf(word) {
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
    var stemmed = w.map(stem);
    return { words: w, stems: stemmed, stemmed: stemmed.join(" "), joined: w.map(american).join(""), text: w.join(" ") };
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
    if (query.stemmed === name.stemmed) return 940;
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
        var m = memo[i].get(name.words[j]);
        if (m === undefined) {
          m = wordMatch(query.words[i], query.stems[i], name.words[j], name.stems[j], i === last);
          memo[i].set(name.words[j], m);
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
    var prepared = terms.map(function (t) {
      return {
        slug: t.slug, term: t.term, summary: t.summary, aliases: t.aliases || [],
        deprecated: t.status === "deprecated" ? 1 : 0,  // listed after every live term
        names: [t.term].concat(t.aliases || []).map(function (n, i) {
          var a = analyse(n); a.original = n; a.isTerm = i === 0; return a;
        }),
        summaryIndex: null  // built on first use: only queries that match no name need it
      };
    });
    prepared.bySlug = {};
    prepared.forEach(function (t) { prepared.bySlug[t.slug] = t; });
    return prepared;
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
    var results = [], unnamed = [], memo = query.words.map(function () { return new Map(); });
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
      return a.term.deprecated - b.term.deprecated || b.score - a.score || a.term.term.length - b.term.term.length || (a.term.term < b.term.term ? -1 : 1);
    });
    return results.slice(0, limit);
  }

  function brief(t) { return { slug: t.slug, term: t.term, summary: t.summary }; }

  self.addEventListener("message", function (event) {
    var message = event.data;
    loadTerms().then(function (terms) {
      if (message.type === "find") {
        postMessage({ id: message.id, results: find(terms, message.text, message.limit || terms.length).map(function (r) {
          var found = brief(r.term); found.via = r.via; found.score = r.score; return found;
        }) });
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
