(function () {
  'use strict';
  // The one script of the page. Its SHA-256 is in the page's Content-Security-Policy, so no other script can
  // run. Data values are only ever written with textContent or setAttribute, never parsed as markup.
  var CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
  var SEVERITY = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFO: 4 };
  var OUTCOME = { FAIL: 0, ERROR: 1, SUPPRESSED: 2, PASS: 3, NOT_APPLICABLE: 4 };
  var BASELINE = { NEW: 0, PERSISTING: 1 };
  var PAGE_SIZE = 500;

  var data = JSON.parse(document.getElementById('relyscan-data').textContent);
  var findings = data.findings;
  document.documentElement.className += ' js';

  /** Invisible and reordering characters as a visible \uXXXX, as the page's static text shows them. */
  function visible(value) {
    if (value === null || value === undefined) {
      return '';
    }
    return String(value).replace(CONTROL, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) {
      e.className = className;
    }
    if (text !== undefined && text !== null) {
      e.textContent = visible(text);
    }
    return e;
  }

  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function ruleOf(f) {
    return typeof f.r === 'number' ? data.rules[f.r] : f.r;
  }

  function outcomeLabel(o) {
    return o === 'NOT_APPLICABLE' ? 'N/A' : o;
  }

  function evidenceText(v) {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  function rank(table, value, missing) {
    return Object.prototype.hasOwnProperty.call(table, value) ? table[value] : missing;
  }

  function text(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // What needs attention first: failures, then by severity, then in the report's order.
  function byDefault(a, b) {
    return (OUTCOME[findings[a].o] - OUTCOME[findings[b].o]) || (SEVERITY[findings[a].s] - SEVERITY[findings[b].s])
      || (a - b);
  }

  var SORT_KEYS = {
    s: function (f) { return SEVERITY[f.s]; },
    o: function (f) { return OUTCOME[f.o]; },
    b: function (f) { return rank(BASELINE, f.b, 2); },
    r: function (f) { return ruleOf(f); },
    n: function (f) { return f.n || f.a; },
    c: function (f) { return f.c || ''; },
    g: function (f) { return f.g || ''; },
    v: function (f) { return f.v || ''; },
    m: function (f) { return f.m || ''; }
  };

  // ---- cells -------------------------------------------------------------------------------------------------

  function badge(kind, value, label) {
    return el('span', 'badge ' + kind + '-' + value, label || value);
  }

  function resourceCell(f) {
    var td = el('td', 'resource');
    td.appendChild(el('div', 'name', f.n || f.a));
    if (f.n && f.n !== f.a) {
      td.appendChild(el('div', 'arn', f.a));
    }
    return td;
  }

  function ruleLink(f) {
    var id = ruleOf(f);
    var a = el('a', null, id);
    a.setAttribute('href', '#rule/' + encodeURIComponent(id));
    return a;
  }

  function evidenceList(f) {
    var dl = el('dl', 'evidence');
    var keys = Object.keys(f.e || {});
    for (var i = 0; i < keys.length; i++) {
      dl.appendChild(el('dt', null, keys[i]));
      dl.appendChild(el('dd', null, evidenceText(f.e[keys[i]])));
    }
    return dl;
  }

  function waiverText(f) {
    if (typeof f.w !== 'number') {
      return null;
    }
    var w = data.waivers[f.w];
    var state = w.expired ? 'expired ' + w.expires + ', no longer suppresses' : 'expires ' + (w.expires || 'never');
    return w.name + ' \u2014 ' + w.reason + ' (owner ' + w.owner + '; ' + state + ')';
  }

  var COLUMNS = {
    s: function (f) { var td = el('td'); td.appendChild(badge('sev', f.s)); return td; },
    o: function (f) { var td = el('td'); td.appendChild(badge('out', f.o, outcomeLabel(f.o))); return td; },
    b: function (f) { var td = el('td'); if (f.b) { td.appendChild(badge('base', f.b)); } return td; },
    r: function (f) { var td = el('td', 'rule'); td.appendChild(ruleLink(f)); return td; },
    n: resourceCell,
    c: function (f) { return el('td', 'mono', f.c); },
    g: function (f) { return el('td', null, f.g); },
    v: function (f) { return el('td', null, f.v); },
    m: function (f) {
      var td = el('td', 'message', f.m);
      var waiver = waiverText(f);
      if (waiver) {
        td.appendChild(el('div', 'waiver', (f.o === 'SUPPRESSED' ? 'Waived: ' : 'Waiver expired: ') + waiver));
      }
      return td;
    },
    e: function (f) { var td = el('td'); td.appendChild(evidenceList(f)); return td; }
  };

  function detailRow(f, span) {
    var tr = el('tr', 'detail');
    var td = el('td');
    td.colSpan = span;
    var dl = el('dl', 'facts');
    var facts = [['Finding id', f.i], ['ARN', f.a], ['Resource type', f.t], ['Waiver', waiverText(f)]];
    for (var i = 0; i < facts.length; i++) {
      if (facts[i][1]) {
        dl.appendChild(el('dt', null, facts[i][0]));
        dl.appendChild(el('dd', null, facts[i][1]));
      }
    }
    td.appendChild(dl);
    td.appendChild(el('h4', null, 'Evidence'));
    td.appendChild(evidenceList(f));
    tr.appendChild(td);
    return tr;
  }

  // ---- a paginated table of findings ---------------------------------------------------------------------------

  function FindingTable(root, columns, expandable) {
    this.root = root;
    this.columns = columns;
    this.expandable = expandable;
    this.body = root.querySelector('tbody');
    this.count = root.querySelector('.count');
    this.more = root.querySelector('button.more');
    this.rows = [];
    this.shown = 0;
    this.sortKey = null;
    this.descending = false;
    var self = this;
    this.more.addEventListener('click', function () { self.renderMore(); });
    var heads = root.querySelectorAll('th[data-sort] button');
    for (var i = 0; i < heads.length; i++) {
      heads[i].addEventListener('click', function (event) {
        self.sortBy(event.currentTarget.parentNode.getAttribute('data-sort'));
      });
    }
  }

  FindingTable.prototype.show = function (indexes) {
    this.rows = indexes;
    this.sort();
    this.body.textContent = '';
    this.shown = 0;
    this.renderMore();
  };

  FindingTable.prototype.sortBy = function (key) {
    this.descending = this.sortKey === key ? !this.descending : false;
    this.sortKey = key;
    var heads = this.root.querySelectorAll('th[data-sort]');
    for (var i = 0; i < heads.length; i++) {
      var sorted = heads[i].getAttribute('data-sort') === key;
      heads[i].setAttribute('aria-sort', sorted ? (this.descending ? 'descending' : 'ascending') : 'none');
    }
    this.show(this.rows);
  };

  FindingTable.prototype.sort = function () {
    var keyOf = SORT_KEYS[this.sortKey];
    if (!keyOf) {
      this.rows.sort(byDefault);
      return;
    }
    var sign = this.descending ? -1 : 1;
    var keys = {};
    for (var i = 0; i < this.rows.length; i++) {
      keys[this.rows[i]] = keyOf(findings[this.rows[i]]);
    }
    this.rows.sort(function (a, b) {
      var x = keys[a];
      var y = keys[b];
      var c = typeof x === 'number' ? x - y : text(x, y);
      return sign * c || byDefault(a, b);
    });
  };

  FindingTable.prototype.renderMore = function () {
    var end = Math.min(this.rows.length, this.shown + PAGE_SIZE);
    var fragment = document.createDocumentFragment();
    for (var i = this.shown; i < end; i++) {
      fragment.appendChild(this.row(findings[this.rows[i]]));
    }
    this.body.appendChild(fragment);
    this.shown = end;
    var left = this.rows.length - this.shown;
    this.more.hidden = left === 0;
    this.more.textContent = 'Show ' + grouped(Math.min(left, PAGE_SIZE)) + ' more (' + grouped(left) + ' left)';
    this.count.textContent = this.rows.length === 0 ? 'No finding matches.'
      : 'Showing ' + grouped(this.shown) + ' of ' + grouped(this.rows.length) + ' matching findings ('
        + grouped(this.total) + ' in all).';
    this.count.setAttribute('data-matching', String(this.rows.length));
    this.count.setAttribute('data-shown', String(this.shown));
  };

  FindingTable.prototype.row = function (f) {
    var tr = el('tr', 'finding o-row-' + f.o);
    for (var i = 0; i < this.columns.length; i++) {
      tr.appendChild(COLUMNS[this.columns[i]](f));
    }
    if (this.expandable) {
      var span = this.columns.length;
      tr.tabIndex = 0;
      tr.setAttribute('aria-expanded', 'false');
      var toggle = function (event) {
        if (event.target.closest('a')) {
          return;
        }
        var open = tr.nextSibling && tr.nextSibling.className === 'detail';
        if (open) {
          tr.parentNode.removeChild(tr.nextSibling);
        } else {
          tr.parentNode.insertBefore(detailRow(f, span), tr.nextSibling);
        }
        tr.setAttribute('aria-expanded', open ? 'false' : 'true');
      };
      tr.addEventListener('click', toggle);
      tr.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          toggle(event);
        }
      });
    }
    return tr;
  };

  // ---- the findings page: filters over every finding --------------------------------------------------------

  var findingsRoot = document.getElementById('findings-view');
  var table = new FindingTable(findingsRoot, ['s', 'o', 'b', 'r', 'n', 'c', 'g', 'v', 'm'], true);
  table.total = data.total !== undefined ? data.total : findings.length; // the data holds a total when the page embeds only some findings
  var filters = findingsRoot.querySelectorAll('[data-filter]');
  var search = document.getElementById('f-text');

  function matches(f, wanted, needle) {
    for (var i = 0; i < wanted.length; i++) {
      var field = wanted[i][0];
      var value = field === 'r' ? ruleOf(f) : field === 'b' ? (f.b || '-') : f[field];
      if (value !== wanted[i][1]) {
        return false;
      }
    }
    if (!needle) {
      return true;
    }
    var haystack = (ruleOf(f) + '\n' + (f.n || '') + '\n' + f.a + '\n' + f.m).toLowerCase();
    return haystack.indexOf(needle) >= 0;
  }

  function applyFilters() {
    var wanted = [];
    for (var i = 0; i < filters.length; i++) {
      if (filters[i].value !== '') {
        wanted.push([filters[i].getAttribute('data-filter'), filters[i].value]);
      }
    }
    var needle = search.value.trim().toLowerCase();
    var rows = [];
    for (var j = 0; j < findings.length; j++) {
      if (matches(findings[j], wanted, needle)) {
        rows.push(j);
      }
    }
    table.show(rows);
  }

  for (var i = 0; i < filters.length; i++) {
    filters[i].addEventListener('change', applyFilters);
  }
  search.addEventListener('input', applyFilters);
  document.getElementById('f-reset').addEventListener('click', function () {
    for (var k = 0; k < filters.length; k++) {
      filters[k].value = '';
    }
    search.value = '';
    applyFilters();
  });
  applyFilters();

  // ---- rule pages: their findings, rendered when first shown -------------------------------------------------

  function showRuleFindings(page) {
    var root = page.querySelector('.rule-findings');
    if (!root || root.getAttribute('data-rendered')) {
      return;
    }
    root.setAttribute('data-rendered', 'true');
    var id = root.getAttribute('data-rule');
    var rows = [];
    for (var j = 0; j < findings.length; j++) {
      if (ruleOf(findings[j]) === id) {
        rows.push(j);
      }
    }
    var ruleTable = new FindingTable(root, ['o', 'b', 'n', 'c', 'g', 'm', 'e'], false);
    ruleTable.total = rows.length;
    ruleTable.show(rows);
  }

  // ---- hash routing: one visible page at a time ---------------------------------------------------------------

  var pages = document.querySelectorAll('section.page');
  var links = document.querySelectorAll('nav a');

  /**
   * #findings?o=FAIL&s=HIGH: the findings page with those filters set (the keys are the selects' data-filter
   * fields), so that the summary can link to "all failures" and a rule page to its rows in the table.
   */
  function filterFromQuery(query) {
    var wanted = {};
    var pairs = query.split('&');
    for (var i = 0; i < pairs.length; i++) {
      var eq = pairs[i].indexOf('=');
      if (eq > 0) {
        try {
          wanted[decodeURIComponent(pairs[i].slice(0, eq))] = decodeURIComponent(pairs[i].slice(eq + 1));
        } catch (e) {
          // a malformed escape: ignore that pair
        }
      }
    }
    for (var f = 0; f < filters.length; f++) {
      var field = filters[f].getAttribute('data-filter');
      filters[f].value = Object.prototype.hasOwnProperty.call(wanted, field) ? wanted[field] : '';
    }
    search.value = '';
    applyFilters();
  }

  function route() {
    var hash = location.hash.replace(/^#/, '');
    var question = hash.indexOf('?');
    var query = question >= 0 ? hash.slice(question + 1) : null;
    var wanted = 'summary';
    try {
      wanted = decodeURIComponent(question >= 0 ? hash.slice(0, question) : hash) || 'summary';
    } catch (e) {
      wanted = 'summary';
    }
    var target = null;
    for (var p = 0; p < pages.length; p++) {
      if (pages[p].id === wanted) {
        target = pages[p];
      }
    }
    if (!target) {
      target = document.getElementById('summary');
    }
    for (var q = 0; q < pages.length; q++) {
      pages[q].hidden = pages[q] !== target;
    }
    var section = target.getAttribute('data-page') === 'rule' ? 'rules' : target.id;
    for (var l = 0; l < links.length; l++) {
      if (links[l].getAttribute('href') === '#' + section) {
        links[l].setAttribute('aria-current', 'page');
      } else {
        links[l].removeAttribute('aria-current');
      }
    }
    if (target.getAttribute('data-page') === 'rule') {
      showRuleFindings(target);
    }
    if (target.id === 'findings' && query !== null) {
      filterFromQuery(query);
    }
    window.scrollTo(0, 0);
  }

  window.addEventListener('hashchange', route);
  route();
}());
