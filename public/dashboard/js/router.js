import { byId } from './dom.js';

/** Hash routes (#/feed, #/tasks …): one view visible at a time, focus moved to its heading. */
export const ROUTES = ['feed', 'inbox', 'tasks', 'insights', 'activity', 'ai', 'settings', 'more'];
const TITLES = {
  feed: 'Feed',
  inbox: 'Inbox',
  tasks: 'Tasks',
  insights: 'Insights',
  activity: 'Activity',
  ai: 'AI',
  settings: 'Settings',
  more: 'More',
};

/** @type {(name: string) => void} */
let onShow = () => {};
let current = null;

export function initRouter(show) {
  onShow = show;
  window.addEventListener('hashchange', () => route(true));
}

export function route(userInitiated = false) {
  const match = /^#\/([a-z]+)/.exec(location.hash);
  if (location.hash && !match) return; // an in-page anchor, not a route
  const name = match && ROUTES.includes(match[1]) ? match[1] : 'feed';
  for (const view of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll('[data-view]')
  ))
    view.hidden = view.dataset.view !== name;
  for (const link of /** @type {NodeListOf<HTMLElement>} */ (
    document.querySelectorAll('[data-route]')
  )) {
    if (
      link.dataset.route === name ||
      (name !== 'more' &&
        link.dataset.route === 'more' &&
        ['activity', 'ai', 'settings'].includes(name))
    )
      link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${TITLES[name]} · Personal AI Assistant`;
  const changed = current !== name;
  current = name;
  if (userInitiated && changed) byId(`${name}-title`)?.focus();
  onShow(name);
}

export const currentRoute = () => current;
