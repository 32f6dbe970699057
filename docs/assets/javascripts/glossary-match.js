/* Sourcing Glossary: the term finder's matching and ranking, and nothing else: no page, theme
 * or worker messaging, so that the finder's worker (workers/glossary-finder.js) loads it with
 * importScripts and the tests load it alone into a blank page. Plain ES2017, no dependencies.
 * Defines self.glossaryMatch:
 *
 *   prepare(terms.json)          an index of the terms and comparison pages, and index.bySlug
 *   addText(index, terms-text.json)  adds the words of every entry's text to the index
 *   search(index, text, limit, suggest, namesOnly)
 *                                the results, best first: {term, title, score, via, suggested},
 *                                `term` being the index's entry (slug, term, summary), or
 *                                {comparison: {slug, path, title, summary}, title, score};
 *                                null when the query needs the entries' text and the index has
 *                                none yet
 */
(function (scope) {
  "use strict";

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

  /* Whether the query, typed without spaces, stops one or two letters into a further word of
   * the name: "agents" is not a start of "agent shrinkage", while "callcent" is one of "call center". */
  function endsEarly(query, name) {
    var consumed = 0;
    for (var i = 0; i < name.words.length; i++) {
      var length = american(name.words[i]).length;
      if (consumed + length >= query.joined.length) return i > 0 && query.joined.length - consumed <= 2;
      consumed += length;
    }
    return false;
  }

  /* Score of a query against one name (term or alias); 0 when it does not match. */
  function scoreName(query, name, memo) {
    if (!query.words.length || !name.words.length) return 0;
    if (query.text === name.text) return 1000;
    if (query.joined === name.joined) return 960;
    if (query.stemmed === name.stemmed) return 940;
    if (query.joined.length >= 2 && name.joined.indexOf(query.joined) === 0 && !endsEarly(query, name)) {
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
      if (best) { used[bestAt] = true; total += best; if (counted === 1) firstMatched = true; }
      if (best >= 1.3) matched++;  // a weaker likeness ("india", "indic-ator") makes the match partial
    }
    if (!total) {  // a typo across a word boundary (callcneter); typos rarely hit the first letter
      var limit = allowedTypos(name.joined);
      return limit && query.joined[0] === name.joined[0] &&
        distance(query.joined, name.joined, limit) <= limit ? 700 : 0;
    }
    var exactness = total / (3 * counted);
    // Partial match: the first word typed usually carries the meaning (nearshore outsourcing).
    if (matched < counted) return 300 + Math.round(200 * exactness) + (firstMatched ? 10 : 0);
    return 600 + Math.round(250 * exactness) + Math.round(50 * Math.min(1, counted / name.words.length));
  }

  /* ---- Reading a reader's question ----
   * "what is BPO?", "what does ACD mean", "how do I bring support back in-house": the words
   * that ask are dropped before matching. "A vs B", "A versus B", "A or B", "difference
   * between A and B" name two terms; the comparison page holding both answers first. */

  var ASKING = [
    /^(?:so )?(?:what|whats|what s|who|which)(?: exactly)?(?: is| are| was| does| do)?(?: meant by)?(?: an| a| the)? /,
    /^(?:please )?(?:define|definition of|meaning of|explain|describe|tell me about|what about|examples? of) (?:an |a |the )?/,
    /^(?:how|why|when) (?:do|does|can|should|would|to)(?: i| we| you| a company| companies| they)? /,
    /^(?:is there|are there) (?:an |a |any )?(?:term|word|name) for /,
    /^(?:the |a |an )?(?:differences?|difference) (?:between|of) /,
    /^(?:the )?(?:term|word) /
  ];
  var TRAILING = / (?:mean|means|meaning|stand for|stands for|definition|defined|in a contact center|in a call center|in outsourcing|in customer service)$/;
  var BETWEEN = / (?:vs|versus|v|or|compared to|compared with|against|and|differ from|differs from)(?= )/;
  var FILLER = {};
  ("a an the is are was be of to for do does did i we my our me us it its can could should would will " +
   "with on in at by from into about and or vs versus what how why when who which that this there their " +
   "they them you your so if then than too very just get up out before after over need want much many " +
   "some any all").split(" ").forEach(function (w) { FILLER[w] = 1; });

  function understand(text) {
    var q = " " + fold(text) + " ";
    q = q.replace(/ (\w+) s /g, " $1s ").trim();  // "what's" folds to "what s"
    var comparing = /^(?:the |a |an )?(?:differences?) (?:between|of) /.test(q) || /(?: differences?)$/.test(q);
    for (var pass = 0; pass < 2; pass++) {
      ASKING.forEach(function (pattern) { q = q.replace(pattern, ""); });
      q = q.replace(TRAILING, "");
      if (BETWEEN.test(q)) q = q.replace(/ differences?$/, "");  // "a and b difference"
    }
    var parts = null;
    var split = q.split(BETWEEN);
    if (split.length === 2 && split[0].trim() && split[1].trim()) {
      // "and" joins two terms only in a question about their difference ("call center and contact center")
      var joiner = q.slice(split[0].length + 1, q.length - split[1].length - 1).trim();
      if (joiner !== "and" || comparing) parts = [split[0].trim(), split[1].trim()];
    }
    var kept = q.split(" ").filter(function (w) { return w && !FILLER[w]; });
    return { text: kept.length ? kept.join(" ") : q, parts: parts };
  }

  function stemSet(text) {
    var set = {};
    analyse(text || "").stems.forEach(function (s) { set[s] = true; });
    return set;
  }

  function prepare(data) {
    var prepared = (data.terms || []).map(function (t) {
      return {
        slug: t.slug, term: t.term, summary: t.summary, aliases: t.aliases || [],
        deprecated: t.status === "deprecated" ? 1 : 0,  // listed after every live term
        names: [t.term].concat(t.aliases || []).map(function (n, i) {
          var a = analyse(n); a.original = n; a.isTerm = i === 0; return a;
        }),
        phrases: (t.search_phrases || []).map(analyse),
        fields: null  // stems of the phrases, summary and text: built with the text
      };
    });
    prepared.bySlug = {};
    prepared.forEach(function (t) { prepared.bySlug[t.slug] = t; });
    prepared.comparisons = (data.comparisons || []).map(function (c) {
      return { slug: c.slug, title: c.title, terms: c.terms, path: c.path, summary: c.summary, name: analyse(c.title) };
    });
    return prepared;
  }

  /* Each entry's fields as stem sets, and how rare each stem is across the glossary (a word in
   * every entry tells nothing; a word in two tells a lot). */
  function addText(terms, data) {
    var text = (data && data.terms) || {}, counts = {};
    terms.forEach(function (t) {
      var words = text[t.slug] || {};
      t.fields = {
        phrases: stemSet(t.phrases.map(function (p) { return p.text; }).join(" ")),
        summary: summaryStems(t), lead: stemSet(words.lead), rest: stemSet(words.rest)
      };
      var seen = {};
      t.names.forEach(function (n) { n.stems.forEach(function (s) { seen[s] = true; }); });
      ["phrases", "summary", "lead", "rest"].forEach(function (f) { Object.assign(seen, t.fields[f]); });
      Object.keys(seen).forEach(function (s) { counts[s] = (counts[s] || 0) + 1; });
    });
    terms.rarity = function (s) { return Math.log(1 + terms.length / (counts[s] || 0.5)); };
    terms.textRead = true;
  }

  // How strongly a field vouches for a word: names most, the rest of the text least.
  var WEIGHT = { name: 3, phrases: 2.5, summary: 2, lead: 1.5, rest: 1 };

  /* How much of the query a term covers, 0..1, each word weighed by its rarity and by the best
   * field it is found in; and whether every word was found. */
  function coverage(t, query, memo, terms) {
    var total = 0, got = 0, found = 0, counted = 0;
    for (var i = 0; i < query.words.length; i++) {
      var w = query.words[i], s = query.stems[i];
      if (FILLER[w] || w.length < 2) continue;
      counted++;
      var weight = terms.rarity(s), best = 0;
      t.names.forEach(function (name) {
        for (var j = 0; j < name.words.length; j++) {
          var m = memo[i].get(name.words[j]);
          if (m === undefined) { m = wordMatch(w, s, name.words[j], name.stems[j], true); memo[i].set(name.words[j], m); }
          if (m >= 1.3) best = Math.max(best, WEIGHT.name * m / 3);
        }
      });
      ["phrases", "summary", "lead", "rest"].forEach(function (f) {
        if (t.fields[f][s]) best = Math.max(best, WEIGHT[f]);
      });
      total += weight * WEIGHT.name;
      got += weight * best;
      if (best) found++;
    }
    return counted ? { share: got / total, all: found === counted, some: found > 0 } : null;
  }

  function summaryStems(t) {
    if (!t.summaryStems) t.summaryStems = stemSet(t.summary);
    return t.summaryStems;
  }

  /* Tiers, so that a result matching all the query's words outranks one matching some, and
   * the field decides within a tier: a name or alias (600-1005), a search phrase (555-580),
   * every word somewhere in the entry (500-530, by field and rarity), part of a name (300-499),
   * some of the words somewhere (100-299). */
  function scoreTerm(t, query, memo, terms, useText, asked) {
    var best = 0, via = null;
    t.names.forEach(function (name) {
      var s = scoreName(query, name, memo) + (name.isTerm ? 5 : 0);
      if (s > best) { best = s; via = name; }
    });
    if (best >= 600) return { score: best, via: via.isTerm ? null : via.original };
    // A search phrase answers when the query says most of it; a question typed as a reader
    // phrased it ("how many agents do i need") is compared as typed, too.
    var phrase = 0;
    t.phrases.forEach(function (p) {
      [query, asked].forEach(function (q) {
        if (!q || 2 * q.words.length < p.words.length) return;
        var s = scoreName(q, p, q === query ? memo : q.memo);
        phrase = Math.max(phrase, s >= 940 ? 990 + (s - 940) / 10 : s >= 600 ? 555 + (s - 600) / 16 : 0);
      });
    });
    if (phrase) return { score: phrase, via: null };
    if (!useText || !t.fields) {  // names and summaries only (the A-Z filter; or the text is not read yet)
      var counted = query.stems.filter(function (s) { return s.length >= 3; }).length;
      var stems = summaryStems(t);
      if (counted && query.stems.every(function (s) { return s.length < 3 || stems[s]; })) {
        return { score: 530, via: null };
      }
      return best > 5 ? { score: 300 + (best - 300) * 0.92, via: null } : null;
    }
    var covered = coverage(t, query, memo, terms);
    if (covered && covered.all) return { score: 500 + 30 * covered.share, via: null };
    // Some of the words: the rarer the words found and the better their fields, the higher.
    return covered && covered.some ? { score: 100 + 398 * covered.share, via: null } : null;
  }

  function rank(terms, text, useText, original) {
    var query = analyse(text);
    if (!query.words.length) return [];
    var results = [], memo = query.words.map(function () { return new Map(); });
    var asked = original && original !== text ? analyse(original) : null;
    if (asked) asked.memo = asked.words.map(function () { return new Map(); });
    terms.forEach(function (t) {
      var found = scoreTerm(t, query, memo, terms, useText, asked);
      if (found) results.push({ term: t, title: t.term, score: found.score, via: found.via });
    });
    return results;
  }

  function bestTerm(terms, text) {
    var found = rank(terms, text, false).filter(function (r) { return r.score >= 555; });
    found.sort(byScore);
    return found.length ? found[0] : null;
  }

  function byScore(a, b) {
    var at = a.term || {}, bt = b.term || {};
    return (at.deprecated || 0) - (bt.deprecated || 0) || b.score - a.score ||
      a.title.length - b.title.length || (a.title < b.title ? -1 : 1);
  }

  function comparisonResult(c, score) {
    return { comparison: c, title: c.title, score: score };
  }

  /* Comparisons: first for "A vs B" when one page holds both terms; otherwise matched by title. */
  function comparisonResults(terms, question) {
    var found = [];
    if (question.parts) {
      var slugs = question.parts.map(function (part) { var b = bestTerm(terms, part); return b && b.term.slug; });
      if (slugs[0] && slugs[1] && slugs[0] !== slugs[1]) {
        terms.comparisons.forEach(function (c) {
          if (c.terms.indexOf(slugs[0]) >= 0 && c.terms.indexOf(slugs[1]) >= 0) {
            found.push(comparisonResult(c, 2000 - c.terms.length));
          }
        });
        slugs.forEach(function (slug, i) {
          found.push({ term: terms.bySlug[slug], title: terms.bySlug[slug].term, score: 1500 - i, via: null });
        });
      }
    }
    var query = analyse(question.text);
    var memo = query.words.map(function () { return new Map(); });
    terms.comparisons.forEach(function (c) {
      var s = query.words.length > 1 ? scoreName(query, c.name, memo) : 0;  // one word names a term, not a comparison
      if (s >= 600) found.push(comparisonResult(c, s - 20));
    });
    return found;
  }

  function find(terms, text, limit, useText) {
    var question = understand(text);
    if (!question.text) return [];
    var results = comparisonResults(terms, question);
    results = results.concat(rank(terms, question.text, useText, text));
    results.sort(byScore);
    var seen = {}, unique = [];
    results.forEach(function (r) {
      var key = r.comparison ? "c:" + r.comparison.slug : r.term.slug;
      if (!seen[key]) { seen[key] = true; unique.push(r); }
    });
    return limit ? unique.slice(0, limit) : unique;
  }

  /* When nothing matches: the terms closest by spelling to the query's words, then those whose
   * summary shares a word with it, marked as suggestions ("Did you mean ...?"). */
  var SUGGESTIONS = 4;

  function suggestions(terms, text) {
    var query = analyse(text);
    var wanted = query.words.filter(function (w) { return w.length >= 3 && !FILLER[w]; });
    if (!wanted.length) return [];
    var scored = [];
    terms.forEach(function (t) {
      var spelling = 0, shared = 0;
      wanted.forEach(function (w, i) {
        var qs = stem(w), best = 0;
        t.names.forEach(function (name) {
          name.words.forEach(function (n) {
            var limit = Math.max(1, Math.floor(w.length / 2.5));
            var d = Math.min(distance(w, n, limit), distance(w, n.slice(0, w.length), limit));
            if (d <= limit) best = Math.max(best, 1 - d / (limit + 1));
          });
        });
        spelling += best;
        if (qs.length >= 3 && summaryStems(t)[qs]) shared++;
      });
      var score = spelling * 10 + shared;
      if (score > 0) scored.push({ term: t, title: t.term, score: score, via: null, suggested: true });
    });
    scored.sort(byScore);
    return scored.slice(0, SUGGESTIONS);
  }

  /* Names first: an index without the entries' text answers a query that a name, alias or
   * search phrase answers, and says null to one that needs the text, which the worker reads
   * then (megabytes for thousands of terms: a reader typing a term's name never waits for it).
   * `limit` 0 asks for every result; `suggest` for the closest terms when nothing matches;
   * `namesOnly` for names and summaries only (the A-Z filter). */
  function search(terms, text, limit, suggest, namesOnly) {
    var found = find(terms, text, limit, !namesOnly);
    var named = found.some(function (r) { return r.score >= 555; });
    if (!namesOnly && !named && !terms.textRead) return null;
    return found.length || !suggest ? found : suggestions(terms, understand(text).text);
  }

  scope.glossaryMatch = { prepare: prepare, addText: addText, search: search };
})(self);
