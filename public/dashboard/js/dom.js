/**
 * DOM building without HTML strings: every piece of text becomes a text node, so user and
 * AI text can never be parsed as markup.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPERTIES = new Set([
  'value',
  'checked',
  'selected',
  'disabled',
  'hidden',
  'multiple',
  'indeterminate',
]);

/**
 * The element with this id. Its kind (input, button, dialog…) is fixed by index.html, so the
 * answer is left open for the caller rather than cast at every one of them.
 * @param {string} id
 * @returns {any}
 */
export const byId = (id) => document.getElementById(id);

/** h('button', { class: 'btn', onclick: fn }, 'Save') */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  appendChildren(element, children);
  return element;
}

/** The same for SVG elements (attributes only). */
export function s(tag, attrs, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(key, String(value));
  }
  appendChildren(element, children);
  return element;
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'innerHTML' || key === 'outerHTML')
      throw new Error('HTML insertion is not allowed');
    if (key === 'class')
      element.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') element.textContent = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function')
      element.addEventListener(key.slice(2), value);
    else if (PROPERTIES.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

export function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

let counter = 0;
export const uid = (prefix = 'id') => `${prefix}-${++counter}`;

const ENTITIES = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
};

/** Undoes the server's escaping in one pass (so "&amp;lt;" becomes "&lt;", not "<"). */
export const unescapeHtml = (text) =>
  text.replace(/&(?:lt|gt|amp|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);

/**
 * A search snippet is HTML-escaped text with matches in <mark>…</mark>. It is split on those
 * two literal tags and every other piece becomes a text node; nothing is parsed as HTML.
 */
export function snippetNodes(snippet) {
  const nodes = [];
  let marked = false;
  for (const part of String(snippet).split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) {
      const text = document.createTextNode(unescapeHtml(part));
      nodes.push(marked ? h('mark', null, text) : text);
    }
  }
  return nodes;
}

/** A small inline icon from the sprite-free set below (paths only, no markup strings). */
const ICONS = {
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  send: 'M5 12h14M13 6l6 6-6 6',
  check: 'M5 13l4 4L19 7',
  pin: 'M12 17v5M8 3h8l-1 6 3 4H6l3-4z',
  x: 'M6 6l12 12M18 6L6 18',
  refresh: 'M4 4v6h6M20 20v-6h-6M5.5 15a7 7 0 0 0 12.4 2M18.5 9A7 7 0 0 0 6.1 7',
};
export function icon(name, size = 18) {
  return s(
    'svg',
    {
      viewBox: '0 0 24 24',
      width: size,
      height: size,
      'aria-hidden': 'true',
      class: 'icon',
      focusable: 'false',
    },
    s('path', {
      d: ICONS[name],
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 2,
      'stroke-linecap': 'round',
      'stroke-linejoin': 'round',
    }),
  );
}
