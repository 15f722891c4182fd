import { api, describeError } from './api.js';
import { byId, clear, h } from './dom.js';
import { announce } from './live.js';

/**
 * "Tidy tags" on the activity page: the server's suggested merges (variants and near-synonyms
 * of one tag, with counts), each with a button that merges them into the most used one. The
 * list is read again after each merge, since one merge can change the others.
 */
/** @typedef {import('../types/api').components['schemas']['MergeSuggestionDto']} MergeSuggestion */
/** @typedef {import('../types/api').components['schemas']['SuggestedMergesDto']} SuggestedMerges */
/** @typedef {import('../types/api').components['schemas']['MergeTagsDto']} MergeTags */
/** @typedef {import('../types/api').components['schemas']['TagMergeResultDto']} TagMergeResult */

let generation = 0;

export async function showTidyTags() {
  const mine = ++generation;
  const box = byId('tidy-tags');
  // A refresh after a merge keeps the list on screen until the new one is in, so it does not
  // flicker away and back (and a screen reader does not lose its place).
  if (!box.querySelector('.tidy-list'))
    clear(box).append(h('p', { class: 'muted' }, 'Looking for tags that mean the same…'));
  try {
    /** @type {SuggestedMerges} */
    const { items } = await api('/tags/suggested-merges');
    if (mine !== generation) return;
    clear(box);
    if (items.length === 0) {
      box.append(h('p', { class: 'muted' }, 'Your tags are tidy: no variants of one tag found.'));
      return;
    }
    box.append(
      h(
        'ul',
        { class: 'tidy-list', 'aria-label': 'Suggested tag merges' },
        items.map(suggestionItem),
      ),
    );
  } catch (error) {
    if (mine !== generation) return;
    clear(box).append(
      h('p', { class: 'field-error' }, describeError(error, 'Could not load suggested merges')),
    );
  }
}

/** @param {MergeSuggestion} suggestion */
function suggestionItem(suggestion) {
  const variants = suggestion.variants
    .map((variant) => `#${variant.tag} (${variant.count})`)
    .join(', ');
  const status = h('span', { class: 'muted small', role: 'status' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn small',
      'aria-label': `Merge ${suggestion.from.map((tag) => `#${tag}`).join(', ')} into #${suggestion.into}`,
      onclick: () => merge(suggestion, button, status),
    },
    `Merge into #${suggestion.into}`,
  );
  return h(
    'li',
    { class: 'tidy-item', dataset: { into: suggestion.into } },
    h(
      'span',
      null,
      variants,
      suggestion.kind === 'synonym'
        ? h('span', { class: 'muted small' }, ' · near-synonyms')
        : null,
    ),
    button,
    status,
  );
}

/**
 * @param {MergeSuggestion} suggestion
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} status
 */
async function merge(suggestion, button, status) {
  button.disabled = true;
  status.textContent = 'Merging…';
  try {
    /** @type {MergeTags} */
    const body = { from: suggestion.from, into: suggestion.into };
    /** @type {TagMergeResult} */
    const result = await api('/tags/merge', { method: 'POST', body });
    announce(
      `Merged ${result.from.length} tag${result.from.length === 1 ? '' : 's'} into #${result.into} on ${result.thoughts_updated} thought${result.thoughts_updated === 1 ? '' : 's'}`,
    );
    await showTidyTags();
  } catch (error) {
    button.disabled = false;
    status.textContent = describeError(error, 'Could not merge');
  }
}
