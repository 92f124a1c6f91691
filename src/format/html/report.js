// The report's script (src/format/html.ts inlines it): filters the findings table, links the drawing to it,
// draws folded namespaces when opened. Plain JavaScript, as the browser runs it; type-checked by
// src/format/html/tsconfig.json.
(function () {
  // Names longer than their box lose their middle to an ellipsis, measured in this browser's font
  // (start and end stay, so similar names stay apart; the full name is in the tooltip).
  /** @param {ParentNode} root */
  function fit(root) {
    /** @type {NodeListOf<SVGTextElement>} */ (root.querySelectorAll('svg.graph text[data-fit]')).forEach(function (t) {
      var max = Number(t.getAttribute('data-fit')),
        full = t.getAttribute('data-full') || t.textContent;
      if (t.getComputedTextLength() <= max) return;
      for (var n = full.length - 1; n > 1; n--) {
        t.textContent = full.slice(0, Math.ceil(n / 2)) + '…' + full.slice(full.length - Math.floor(n / 2));
        if (t.getComputedTextLength() <= max) break;
      }
    });
  }
  /** @type {HTMLTableRowElement[]} */
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr'));
  // The filters exist together, when the table has findings.
  var severity = /** @type {HTMLSelectElement | null} */ (document.getElementById('filter-severity'));
  var rule = /** @type {HTMLSelectElement | null} */ (document.getElementById('filter-rule'));
  var text = /** @type {HTMLInputElement | null} */ (document.getElementById('filter-text'));
  var count = document.getElementById('finding-count');
  var ownBox = document.getElementById('filter-own');
  /** The rows of the findings of the node or edge last clicked, or null for all rows. @type {Record<string, boolean> | null} */
  var own = null;
  function apply() {
    if (!severity) return;
    var s = severity.value,
      r = rule.value,
      t = text.value.trim().toLowerCase(),
      shown = 0;
    rows.forEach(function (row, i) {
      var show = (!own || own[i]) && (!s || row.dataset.severity === s) && (!r || row.dataset.rule === r) && (!t || row.textContent.toLowerCase().indexOf(t) >= 0);
      row.hidden = !show;
      if (show) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' shown';
    ownBox.hidden = !own;
  }
  function clearOwn() {
    own = null;
    apply();
  }
  [severity, rule].forEach(function (el) {
    if (el) el.addEventListener('change', clearOwn);
  });
  if (text) text.addEventListener('input', clearOwn);
  if (ownBox) ownBox.querySelector('button').addEventListener('click', clearOwn);
  // An edge or a node lists its own findings.
  /** @param {ParentNode} root */
  function bind(root) {
    root.querySelectorAll('svg.graph [data-f], svg.graph [data-rule]').forEach(function (el) {
      el.addEventListener('click', function (/** @type {Event} */ event) {
        if (!rule) return;
        event.preventDefault();
        event.stopPropagation();
        var id = el.getAttribute('data-rule');
        rule.value =
          id &&
          Array.prototype.some.call(rule.options, function (/** @type {HTMLOptionElement} */ o) {
            return o.value === id;
          })
            ? id
            : '';
        own = null;
        var f = el.getAttribute('data-f');
        if (f) {
          own = /** @type {Record<string, boolean>} */ ({});
          f.split(' ').forEach(function (i) {
            own[i] = true;
          });
          var title = el.querySelector('title');
          ownBox.querySelector('.own-name').textContent = title ? title.textContent.split('\n')[0] : '';
        }
        apply();
        document.getElementById('findings').scrollIntoView({ behavior: 'smooth' });
        rows.forEach(function (row) {
          if (!row.hidden) {
            row.classList.remove('flash');
            void row.offsetWidth;
            row.classList.add('flash');
          }
        });
      });
    });
    highlight(root);
  }
  // A namespace drawn when first opened; clean paths shown on request.
  /** @param {HTMLDetailsElement} ns */
  function render(ns) {
    var lazy = /** @type {HTMLTemplateElement | null} */ (ns.querySelector('template.lazy'));
    if (lazy) {
      var body = lazy.content.cloneNode(true);
      lazy.replaceWith(body);
      setup(ns);
    }
  }
  /** @param {ParentNode} root */
  function setup(root) {
    fit(root);
    bind(root);
    root.querySelectorAll('button.expand').forEach(function (button) {
      button.addEventListener('click', function () {
        var canvas = /** @type {HTMLElement} */ (button.previousElementSibling),
          full = /** @type {HTMLTemplateElement} */ (button.nextElementSibling);
        canvas.replaceChildren(full.content.cloneNode(true));
        full.remove();
        button.remove();
        fit(canvas);
        bind(canvas);
      });
    });
  }
  /** @type {HTMLDetailsElement[]} */
  var namespaces = Array.prototype.slice.call(document.querySelectorAll('details.ns'));
  namespaces.forEach(function (ns) {
    ns.addEventListener('toggle', function () {
      if (ns.open) render(ns);
    });
  });
  var search = /** @type {HTMLInputElement | null} */ (document.getElementById('topo-search'));
  var only = /** @type {HTMLInputElement | null} */ (document.getElementById('only-problems'));
  function query() {
    return search ? search.value.trim().toLowerCase() : '';
  }
  /** @param {ParentNode} root */
  function highlight(root) {
    var q = query();
    root.querySelectorAll('svg.graph .node[data-name]').forEach(function (node) {
      node.classList.toggle('match', q !== '' && node.getAttribute('data-name').indexOf(q) >= 0);
    });
  }
  function visibility() {
    var q = query();
    namespaces.forEach(function (ns) {
      var match = !q || (ns.dataset.names || '').indexOf(q) >= 0;
      ns.hidden = !match || (only && only.checked && ns.dataset.problems === '0');
      if (q && match && !ns.open) ns.open = true;
      highlight(ns);
    });
  }
  if (search) search.addEventListener('input', visibility);
  if (only) only.addEventListener('change', visibility);
  setup(document);
  apply();
})();
