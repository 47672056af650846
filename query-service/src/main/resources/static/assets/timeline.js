// The live reader page: pushed changes arrive over Server-Sent Events as articles the server rendered (and
// escaped); this script only places them. Nothing an editor wrote is ever parsed as script here.
(function () {
  'use strict';
  const main = document.getElementById('updates');
  if (!main) { return; }
  const timeline = main.dataset.timeline;
  const pinnedSlot = main.querySelector('.pinned');
  const stream = main.querySelector('.stream');
  const newBar = main.querySelector('.new-updates');
  const newButton = main.querySelector('.new-updates-button');
  const pending = [];

  function articleFrom(html) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function articleOf(updateId) {
    return document.getElementById('update-' + updateId);
  }

  // newest first: before the first article posted earlier than this one
  function placeInStream(article) {
    const sequence = Number(article.dataset.sequence);
    const later = Array.from(stream.children).find(a => Number(a.dataset.sequence) < sequence);
    stream.insertBefore(article, later || null);
  }

  function place(article) {
    if (article.dataset.pinned === 'true') {
      pinnedSlot.replaceChildren(article);
    } else {
      placeInStream(article);
    }
  }

  function readerIsDownThePage() {
    return window.scrollY > main.offsetTop + 200;
  }

  function showPending() {
    newButton.textContent = pending.length === 1 ? '1 new update' : pending.length + ' new updates';
    newBar.hidden = pending.length === 0;
  }

  newButton.addEventListener('click', function () {
    pending.splice(0).forEach(place);
    showPending();
    main.scrollIntoView({behavior: 'smooth'});
  });

  function onPosted(message) {
    if (articleOf(message.updateId)) { return; }
    const article = articleFrom(message.html);
    if (readerIsDownThePage()) {
      pending.push(article);
      showPending();
    } else {
      place(article);
    }
  }

  // edits, retractions, pins and unpins: the article is replaced where it belongs now
  function onChanged(message) {
    const fresh = articleFrom(message.html);
    const waiting = pending.findIndex(a => a.id === fresh.id);
    if (waiting >= 0) {
      pending[waiting] = fresh;
      return;
    }
    const current = articleOf(message.updateId);
    if (current) {
      current.remove();
    } else if (fresh.dataset.pinned !== 'true') {
      return; // an older update not loaded on this page
    }
    place(fresh);
  }

  const source = new EventSource('/api/timelines/' + encodeURIComponent(timeline) + '/stream?after='
      + encodeURIComponent(main.dataset.lastSequence));
  source.addEventListener('posted', e => onPosted(JSON.parse(e.data)));
  ['edited', 'retracted', 'erased', 'pinned', 'unpinned'].forEach(type =>
      source.addEventListener(type, e => onChanged(JSON.parse(e.data))));

  const more = main.querySelector('.load-more');
  if (more) {
    more.addEventListener('click', async function () {
      more.disabled = true;
      const response = await fetch('/timelines/' + encodeURIComponent(timeline) + '/updates?before='
          + encodeURIComponent(more.dataset.before), {headers: {Accept: 'text/html'}});
      const template = document.createElement('template');
      template.innerHTML = await response.text();
      Array.from(template.content.children).forEach(article => {
        if (!articleOf(article.dataset.updateId)) { stream.appendChild(article); }
      });
      const next = response.headers.get('Next-Before');
      if (next) {
        more.dataset.before = next;
        more.disabled = false;
      } else {
        more.remove();
      }
    });
  }
}());
