/* Sourcing Glossary on other sites: links the first mention of each glossary term on the page to
 * the term's page and shows its name and summary on hover, keyboard focus and tap. One tag:
 *   <script src="https://GLOSSARY/assets/embed/glossary-links.js" defer></script>
 * The terms come from terms.js at the glossary's root, a script, so the glossary's server needs
 * no CORS headers. What counts as a mention follows scripts/sourcing_glossary/name_matcher.py
 * and glossary_links.py rule for rule. data-glossary-skip keeps a passage unlinked;
 * data-glossary-scope limits linking to its elements. If anything fails, the page stays as it
 * was and the console says why. Plain ES2017, no dependencies. */
(function () {
  "use strict";

  var script = document.currentScript;
  var NAME = "Sourcing Glossary";

  function warn(why) {
    console.warn(NAME + ": " + why + "; the page is left as it is.");
  }

  /* ---- What counts as a mention (name_matcher.py) ---- */

  var WORD = /[A-Za-z0-9]+/g;
  var JOINER = /^(?:[^\S\n]*\n?[^\S\n]*|-)$/;  // between a name's words
  var MIN_NAME_LENGTH = 3;

  function inflections(word, capitals) {
    if (capitals) return [word, word + "s"];
    var forms = [word];
    if (/(ss|x|z|ch|sh)$/.test(word)) forms.push(word + "es");
    else if (/[^aeiou]y$/.test(word)) forms.push(word.slice(0, -1) + "ies");
    else if (!/s$/.test(word)) forms.push(word + "s");
    if (word.length > 5 && /ing$/.test(word)) forms.push(word.slice(0, -3) + "ed");
    else if (word.length > 4 && /ed$/.test(word)) forms.push(word.slice(0, -2) + "ing");
    return forms;
  }

  function lower(word) { return word.toLowerCase(); }

  function setDefault(map, key, value) { if (!map.has(key)) map.set(key, value); }

  /* names: [[name, target]]. A name as written beats another's inflected form, and an earlier
   * name the same later one. Keys are a name's words joined by spaces. */
  function Matcher(names) {
    var capitalsTable = new Map(), foldedTable = new Map(), longestFrom = new Map(), inflected = [];
    names.forEach(function (pair) {
      var name = pair[0], words = name.match(WORD);
      if (!words || name.length < MIN_NAME_LENGTH) return;
      var capitals = name === name.toUpperCase() && name !== name.toLowerCase();
      var table = capitals ? capitalsTable : foldedTable;
      if (!capitals) words = words.map(lower);
      setDefault(table, words.join(" "), pair[1]);
      inflections(words[words.length - 1], capitals).slice(1).forEach(function (form) {
        inflected.push([table, words.slice(0, -1).concat(form).join(" "), pair[1]]);
      });
      longestFrom.set(words[0], Math.max(words.length, longestFrom.get(words[0]) || 0));
    });
    inflected.forEach(function (entry) { setDefault(entry[0], entry[1], entry[2]); });

    function longestAt(text, tokens, index) {
      var first = tokens[index][0];
      var most = Math.max(longestFrom.get(first) || 0, longestFrom.get(lower(first)) || 0);
      var words = [first];
      while (words.length < most && index + words.length < tokens.length) {
        var before = tokens[index + words.length - 1], after = tokens[index + words.length];
        if (!JOINER.test(text.slice(before.index + before[0].length, after.index))) break;
        words.push(after[0]);
      }
      for (var length = words.length; length > 0; length--) {
        var key = words.slice(0, length);
        var target = capitalsTable.get(key.join(" ")) || foldedTable.get(key.map(lower).join(" "));
        if (target) return [length, target];
      }
      return [0, null];
    }

    /* [start, end, target] of the first mention of each target not in `found`, in order. */
    this.find = function (text, found) {
      var tokens = [], match, mentions = [], index = 0;
      WORD.lastIndex = 0;
      while ((match = WORD.exec(text))) tokens.push(match);
      while (index < tokens.length) {
        var hit = longestAt(text, tokens, index);
        if (!hit[1]) { index++; continue; }
        if (!found.has(hit[1])) {
          found.add(hit[1]);
          var last = tokens[index + hit[0] - 1];
          mentions.push([tokens[index].index, last.index + last[0].length, hit[1]]);
        }
        index += hit[0];
      }
      return mentions;
    };
  }

  /* ---- The terms ---- */

  function loadTerms(base, then) {
    var tag = document.createElement("script");
    tag.src = new URL("terms.js", base).href;
    tag.async = true;
    tag.onload = function () {
      tag.remove();
      var data = window.sourcingGlossaryTerms;
      if (!data || !Array.isArray(data.terms)) { warn(tag.src + " holds no terms"); return; }
      then(data.terms);
    };
    tag.onerror = function () { tag.remove(); warn("could not load " + tag.src); };
    document.head.appendChild(tag);
  }

  /* The terms by slug, the slug each term's names link to (a deprecated term's replacement, as in
   * published_terms.py), and every [name, slug linked to]. */
  function glossaryOf(terms) {
    var bySlug = new Map(terms.map(function (t) { return [t.slug, t]; })), targets = new Map(), names = [];
    terms.forEach(function (t) {
      var target = t.status === "deprecated" && bySlug.has(t.replaced_by) ? t.replaced_by : t.slug;
      targets.set(t.slug, target);
      [t.term].concat(t.aliases).forEach(function (name) { names.push([name, target]); });
    });
    return { bySlug: bySlug, targets: targets, names: names };
  }

  /* ---- Linking the page (glossary_links.py skips the same elements) ---- */

  var SKIP = "a,button,code,h1,h2,h3,h4,h5,h6,input,kbd,label,noscript,option,pre,samp,script,select," +
             "style,svg,template,textarea,[data-glossary-skip],[contenteditable]";

  function roots() {
    var scopes = Array.prototype.filter.call(document.querySelectorAll("[data-glossary-scope]"), function (el) {
      return !(el.parentElement && el.parentElement.closest("[data-glossary-scope]"));
    });
    return (scopes.length ? scopes : [document.body]).filter(function (el) { return !el.closest(SKIP); });
  }

  /* Terms the page links to already, by hand or by the glossary_links extension: not linked again. */
  function linkedAlready(scopes, base, targets) {
    var found = new Set(), prefix = new URL("terms/", base).href;
    scopes.forEach(function (root) {
      Array.prototype.forEach.call(root.querySelectorAll("a[href]"), function (a) {
        var page = a.href.split("#")[0];
        var target = page.indexOf(prefix) === 0 && targets.get(page.slice(prefix.length).replace(/\/$/, ""));
        if (target) found.add(target);
      });
    });
    return found;
  }

  /* [text node, its mentions] for every text node that mentions a term not found before it. */
  function mentionsOnPage(scopes, matcher, found) {
    var edits = [];
    scopes.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          if (node.nodeType === Node.TEXT_NODE) return NodeFilter.FILTER_ACCEPT;
          return node.matches(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
      });
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var mentions = matcher.find(node.data, found);
        if (mentions.length) edits.push([node, mentions]);
      }
    });
    return edits;
  }

  /* The text node's replacement: its text with a link for each mention. */
  function linked(node, mentions, base) {
    var text = node.data, parts = document.createDocumentFragment(), links = [], cursor = 0;
    mentions.forEach(function (m) {
      var a = document.createElement("a");
      a.href = new URL("terms/" + m[2] + "/", base).href;
      a.setAttribute("data-glossary-link", m[2]);
      a.textContent = text.slice(m[0], m[1]);
      parts.append(text.slice(cursor, m[0]), a);
      links.push(a);
      cursor = m[1];
    });
    parts.append(text.slice(cursor));
    return { node: node, parts: parts, links: links };
  }

  /* ---- The card: as on the glossary's own pages (docs/assets/glossary.js) ---- */

  var CSS =
    "a[data-glossary-link]{text-decoration:underline dotted;text-underline-offset:.2em}" +
    ".sourcing-glossary-card{position:fixed;z-index:2147483000;box-sizing:border-box;" +
    "max-width:min(22rem,calc(100vw - 1rem));margin:0;padding:.6rem .8rem;text-align:left;" +
    "font:14px/1.5 system-ui,sans-serif;color:#1f1f1f;background:#fff;border:1px solid #767676;" +
    "border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.25)}" +
    ".sourcing-glossary-card[hidden]{display:none!important}" +
    ".sourcing-glossary-card a{display:block;margin-top:.4rem;font-weight:700;color:#0b57d0;text-decoration:underline}";

  function setUpCard(links, bySlug) {
    var style = document.createElement("style");
    style.textContent = CSS;
    document.head.appendChild(style);
    var card = document.createElement("div");
    card.className = "sourcing-glossary-card";
    card.id = "sourcing-glossary-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    document.body.appendChild(card);
    var current = null, touchArmed = null;

    function place() {
      if (!current) return;
      var r = current.getBoundingClientRect(), width = document.documentElement.clientWidth;
      var top = r.bottom + 6;
      if (top + card.offsetHeight > window.innerHeight && r.top > card.offsetHeight + 6) {
        top = r.top - card.offsetHeight - 6;
      }
      card.style.top = top + "px";
      card.style.left = Math.max(8, Math.min(r.left, width - card.offsetWidth - 8)) + "px";
    }

    function hide() {
      if (current) current.removeAttribute("aria-describedby");
      current = null; touchArmed = null; card.hidden = true;
    }

    function show(a, withOpenLink) {
      var t = bySlug.get(a.getAttribute("data-glossary-link"));
      var name = document.createElement("strong");
      name.textContent = t.term;
      card.replaceChildren(name, " " + t.summary);
      if (withOpenLink) {
        var open = document.createElement("a");
        open.href = a.href;
        open.textContent = "Open \u201c" + t.term + "\u201d \u2192";
        card.appendChild(open);
      }
      if (current && current !== a) current.removeAttribute("aria-describedby");
      current = a;
      a.setAttribute("aria-describedby", card.id);
      card.hidden = false;
      place();
    }

    links.forEach(function (a) {
      a.addEventListener("mouseenter", function () { show(a, false); });
      a.addEventListener("mouseleave", function (e) { if (!card.contains(e.relatedTarget)) hide(); });
      a.addEventListener("focus", function () { show(a, false); });
      a.addEventListener("blur", function (e) { if (!card.contains(e.relatedTarget)) hide(); });
      // Touch: the first tap shows the card, a second tap (or "Open" in it) opens the term.
      a.addEventListener("pointerdown", function (e) { a.dataset.glossaryTouch = e.pointerType === "touch" ? "1" : ""; });
      a.addEventListener("click", function (e) {
        if (a.dataset.glossaryTouch === "1" && touchArmed !== a) {
          e.preventDefault();
          show(a, true);
          touchArmed = a;
        }
      });
    });
    card.addEventListener("mouseleave", hide);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    document.addEventListener("click", function (e) {
      if (current && !card.contains(e.target) && !current.contains(e.target)) hide();
    });
    window.addEventListener("scroll", place, { passive: true, capture: true });
    window.addEventListener("resize", place, { passive: true });
  }

  /* ---- Start ---- */

  function start(terms, base) {
    try {
      var glossary = glossaryOf(terms), scopes = roots();
      var found = linkedAlready(scopes, base, glossary.targets);
      // Every change is prepared before any is made: a failure leaves the page as it was.
      var edits = mentionsOnPage(scopes, new Matcher(glossary.names), found).map(function (e) {
        return linked(e[0], e[1], base);
      });
      var links = [];
      edits.forEach(function (edit) { edit.node.replaceWith(edit.parts); links = links.concat(edit.links); });
      if (links.length) setUpCard(links, glossary.bySlug);
    } catch (error) {
      warn("could not link the terms (" + error + ")");
    }
  }

  if (!script || !script.src) { warn("load glossary-links.js with a <script src> tag"); return; }
  var base = new URL("../../", script.src);  // this file is assets/embed/ under the glossary's root
  loadTerms(base, function (terms) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { start(terms, base); });
    } else {
      start(terms, base);
    }
  });
})();
