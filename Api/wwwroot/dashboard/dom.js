// DOM helpers: keyed table bodies that touch only what changed, and number formatting.

// Bidirectional controls: LRM, RLM, the embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and the isolates (LRI, RLI,
// FSI, PDI). One inside a file name could reorder the rest of an error message; they are shown as visible escapes instead.
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A text from the server with its bidirectional controls shown as ‹U+202E› escapes, so it cannot reorder anything. */
export function visibleText(text) {
  const value = String(text);
  BIDI_CONTROLS.lastIndex = 0;
  if (!BIDI_CONTROLS.test(value)) return value;
  return value.replace(BIDI_CONTROLS, (c) => `‹U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}›`);
}

/** Sets a node's text (bidirectional controls made visible) only when it differs, so unchanged cells cost no layout. */
export function setText(node, text) {
  const value = visibleText(text);
  if (node.textContent !== value) node.textContent = value;
}

/** Sets an attribute only when it differs. */
export function setAttr(node, name, value) {
  const text = String(value);
  if (node.getAttribute(name) !== text) node.setAttribute(name, text);
}

/** Creates an element with attributes and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === 'string' ? visibleText(child) : child);
  return node;
}

/** A text cell: the column's value formatted as text. */
export function textColumn(value, className = '') {
  return { className, update: (td, item) => setText(td, value(item)) };
}

/** A horizontal bar with a label, for progress and utilisation; name(item) is its accessible name. */
export function barColumn(fraction, label, testId, name) {
  return {
    className: 'bar-cell',
    init(td) {
      const bar = el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' });
      if (testId) bar.setAttribute('data-testid', testId);
      bar.append(el('div', { class: 'bar-fill' }), el('span', { class: 'bar-label' }));
      td.append(bar);
    },
    update(td, item) {
      const bar = td.firstChild;
      const percent = Math.round(Math.max(0, Math.min(1, fraction(item))) * 1000) / 10;
      setAttr(bar, 'aria-valuenow', percent);
      const fill = bar.firstChild;
      const width = `${percent}%`;
      if (fill.style.width !== width) fill.style.width = width;
      setText(bar.lastChild, label(item));
      if (name) setAttr(bar, 'aria-label', visibleText(name(item)));
    },
  };
}

/**
 * Keeps a tbody's rows in step with a list of items by key: rows are created once, cells are
 * rewritten only when their text changes, and rows are moved only when the order changes.
 */
export class KeyedTable {
  constructor(tbody, { key, columns, rowTestId, rowAttrs, empty }) {
    this.tbody = tbody;
    this.key = key;
    this.columns = columns;
    this.rowTestId = rowTestId;
    this.rowAttrs = rowAttrs;
    this.empty = empty;
    this.rows = new Map();
  }

  update(items) {
    const seen = new Set();
    let previous = null;
    for (const item of items) {
      const key = String(this.key(item));
      seen.add(key);
      let row = this.rows.get(key);
      if (!row) {
        row = this.createRow(key);
        this.rows.set(key, row);
      }
      this.fillRow(row, item);
      const expected = previous ? previous.nextSibling : this.tbody.firstChild;
      if (row !== expected) this.tbody.insertBefore(row, expected);
      previous = row;
    }
    for (const [key, row] of this.rows) {
      if (!seen.has(key)) {
        row.remove();
        this.rows.delete(key);
      }
    }
    if (this.empty) this.empty.hidden = items.length > 0;
  }

  createRow(key) {
    const row = document.createElement('tr');
    row.dataset.key = key;
    if (this.rowTestId) row.setAttribute('data-testid', this.rowTestId);
    for (const column of this.columns) {
      const td = document.createElement('td');
      if (column.className) td.className = column.className;
      if (column.init) column.init(td);
      row.append(td);
    }
    return row;
  }

  fillRow(row, item) {
    if (this.rowAttrs) {
      for (const [name, value] of Object.entries(this.rowAttrs(item))) setAttr(row, name, value);
    }
    let td = row.firstChild;
    for (const column of this.columns) {
      column.update(td, item);
      td = td.nextSibling;
    }
  }
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** Whole numbers with thousands separators. */
export const fmtInt = (value) => integer.format(value ?? 0);

/** Rates and sizes: one decimal. */
export const fmtRate = (value) => oneDecimal.format(value ?? 0);

/** Milliseconds: two decimals below 10 ms, one above. */
export const fmtMs = (value) => `${(value < 10 ? twoDecimals : oneDecimal).format(value ?? 0)} ms`;

/** A fraction 0..1 as a percentage. */
export const fmtFraction = (value) => `${twoDecimals.format((value ?? 0) * 100)} %`;

/** Seconds as a short duration: 45 s, 12 min, 3 h 20 min, 2 d 4 h. */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** A timestamp (ISO string or Date) as local HH:MM:SS. */
export function fmtClock(value) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '—';
  return date.toLocaleTimeString('en-GB', { hour12: false });
}
