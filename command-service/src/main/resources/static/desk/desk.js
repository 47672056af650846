// The editor desk. Writes go to this service's API with the editor's credentials; reads come from the query
// service's public API and its live stream. Editor text only ever reaches the page as text (textContent, value),
// never as markup.
'use strict';

const BLOCK_FIELDS = {
    paragraph: [['text', 'Text', 'textarea']],
    image: [['url', 'Image URL', 'url'], ['caption', 'Caption'], ['credit', 'Credit'], ['alt', 'Alt text']],
    quote: [['text', 'Quote', 'textarea'], ['attribution', 'Attribution']],
    embed: [['url', 'Embed URL', 'url']],
};
const CHANGE_KINDS = ['CORRECTION', 'CLARIFICATION', 'UPDATE', 'TYPO'];

const desk = {
    auth: sessionStorage.getItem('desk.auth'),
    signInMethod: null,   // how this service lets the desk sign in (GET /desk/sign-in)
    me: null,             // who is signed in, with their roles (GET /api/me)
    readerUrl: null,
    timelineId: null,
    timeline: null,
    updates: new Map(),   // update id -> the update as readers see it
    items: new Map(),     // update id -> its <li>, kept across renders so open panels keep their drafts
    drafts: new Map(),    // draft id -> the draft as the queue shows it
    draftItems: new Map(), // draft id -> its <li>, kept like the updates' ones
    draftsTimer: null,
    stream: null,
    nextTimelines: null,  // the list's next page (its Link rel="next"), when there is one
    listing: 0,           // the latest listing asked for: an answer to an older search is dropped
};

/** Editors and admins publish; contributors file drafts for them. */
const mayPublish = () => desk.me != null && desk.me.roles.some(role => role === 'EDITOR' || role === 'ADMIN');

// ---- small DOM helpers ----
const $ = (selector, root = document) => root.querySelector(selector);

function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
        if (name === 'text') node.textContent = value;
        else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
        else if (value !== false && value != null) node.setAttribute(name, value === true ? '' : value);
    }
    // a condition that did not hold (`flag && el(...)`) leaves false: nothing to show, not the word "false"
    node.append(...children.filter(child => child != null && child !== false));
    return node;
}

function time(instant) {
    return instant ? new Date(instant).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) : '';
}

// ---- the two APIs ----
class Refused extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || ('HTTP ' + status));
        this.status = status;
        this.problem = problem;
    }
}

// a refused sign-in must not open the browser's own password dialog: Spring Security leaves out
// WWW-Authenticate for requests that say they come from a script
const FROM_SCRIPT = {'X-Requested-With': 'XMLHttpRequest'};

async function command(method, path, body, revision) {
    const headers = {...FROM_SCRIPT, 'Authorization': desk.auth, 'Content-Type': 'application/json'};
    if (revision) headers['If-Match'] = '"' + revision + '"';
    if (method === 'POST') headers['Idempotency-Key'] = crypto.randomUUID();
    const response = await fetch(path, {method, headers, body: body && JSON.stringify(body)});
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401) signOut();
    if (!response.ok) throw new Refused(response.status, answer);
    return answer;
}

async function readerAnswer(path) {
    const response = await fetch(new URL(path, desk.readerUrl), {cache: 'no-cache'});
    if (!response.ok) throw new Refused(response.status, await response.json().catch(() => ({})));
    return response;
}

async function read(path) {
    return (await readerAnswer(path)).json();
}

/** The update once the projection has at least {@code revision}: right after someone else's edit it may lag. */
async function readUpdate(updateId, revision, minSequence) {
    const query = minSequence != null ? '?minSequence=' + minSequence : '';
    for (let attempt = 0; ; attempt++) {
        const update = await read('/api/timelines/' + desk.timelineId + '/updates/' + updateId + query);
        if (update.revision >= revision || attempt === 20) return update;
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

// ---- signing in ----
async function signIn(authorization) {
    const response = await fetch('/api/me', {headers: {...FROM_SCRIPT, 'Authorization': authorization}});
    if (response.status === 401) throw new Error('Wrong user or password.');
    if (response.status === 403) throw new Error('This account may not use the desk: it is for editors and contributors.');
    if (!response.ok) throw new Error('Sign-in failed: HTTP ' + response.status);
    const me = await response.json();
    desk.auth = authorization;
    desk.me = me;
    desk.readerUrl = me.readerUrl;
    sessionStorage.setItem('desk.auth', authorization);
    $('#who').textContent = 'Signed in as ' + me.user;
    $('#sign-out').hidden = false;
    $('#sign-in').hidden = true;
    route();
}

// Through the newsroom's OpenID Connect provider: authorization code with PKCE (RFC 7636), the desk a public client
// in the browser. The access token is the API's bearer token; the provider's session is its own business.
const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const deskUrl = () => location.origin + '/desk/';

async function providerConfiguration(provider) {
    const response = await fetch(provider.issuer.replace(/\/$/, '') + '/.well-known/openid-configuration');
    if (!response.ok) throw new Error('The identity provider does not answer (HTTP ' + response.status + ').');
    return response.json();
}

async function signInWithProvider(provider) {
    const endpoints = await providerConfiguration(provider);
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
    sessionStorage.setItem('desk.signingIn', JSON.stringify({verifier, state, hash: location.hash}));
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    location.assign(endpoints.authorization_endpoint + '?' + new URLSearchParams({
        response_type: 'code', client_id: provider.clientId, redirect_uri: deskUrl(), scope: 'openid profile',
        state, code_challenge: challenge, code_challenge_method: 'S256'}));
}

/** Back from the provider with a code (or its refusal): the code and the verifier buy the tokens. */
async function returnFromProvider(provider) {
    const answer = new URLSearchParams(location.search);
    const started = JSON.parse(sessionStorage.getItem('desk.signingIn') || 'null');
    sessionStorage.removeItem('desk.signingIn');
    history.replaceState(null, '', location.pathname + (started ? started.hash : ''));
    if (answer.has('error')) {
        throw new Error('The identity provider refused: ' + (answer.get('error_description') || answer.get('error')));
    }
    if (!started || answer.get('state') !== started.state) throw new Error('That sign-in was not started here.');
    const endpoints = await providerConfiguration(provider);
    const response = await fetch(endpoints.token_endpoint, {method: 'POST', body: new URLSearchParams({
        grant_type: 'authorization_code', code: answer.get('code'), redirect_uri: deskUrl(),
        client_id: provider.clientId, code_verifier: started.verifier})});
    const tokens = await response.json().catch(() => ({}));
    if (!response.ok) {
        throw new Error('The identity provider refused: ' + (tokens.error_description || tokens.error || response.status));
    }
    sessionStorage.setItem('desk.idToken', tokens.id_token || '');
    await signIn('Bearer ' + tokens.access_token);
}

/** The provider's sign-out too, where it offers one: else the next sign-in would pass through without a question. */
async function signOutOfProvider(provider) {
    const idToken = sessionStorage.getItem('desk.idToken');
    sessionStorage.removeItem('desk.idToken');
    const endpoints = await providerConfiguration(provider);
    if (!endpoints.end_session_endpoint || !idToken) return;
    location.assign(endpoints.end_session_endpoint + '?' + new URLSearchParams({
        id_token_hint: idToken, client_id: provider.clientId, post_logout_redirect_uri: deskUrl()}));
}

/** The sign-in the service offers: the provider's button, the password form, or why there is none. */
async function offerSignIn() {
    const response = await fetch('/desk/sign-in');
    desk.signInMethod = await response.json();
    const provider = desk.signInMethod.issuer ? desk.signInMethod : null;
    $('#sign-in-form').hidden = !desk.signInMethod.password;
    $('#provider-sign-in').hidden = !provider;
    $('#no-sign-in').hidden = desk.signInMethod.password || provider != null;
    if (provider && new URLSearchParams(location.search).has('state')) await returnFromProvider(provider);
    else if (desk.auth) await signIn(desk.auth).catch(() => signOut(false));
}

/** Signs out of the desk; {@code ofProvider}: of the identity provider too (the button, not an expired token). */
function signOut(ofProvider) {
    sessionStorage.removeItem('desk.auth');
    desk.auth = null;
    desk.me = null;
    closeStream();
    $('#who').textContent = '';
    $('#sign-out').hidden = true;
    $('#sign-in').hidden = false;
    $('#timelines').hidden = true;
    $('#timeline').hidden = true;
    if (ofProvider && desk.signInMethod && desk.signInMethod.issuer) {
        signOutOfProvider(desk.signInMethod).catch(e => { $('#sign-in-error').textContent = e.message; });
    }
}

// ---- the list of timelines ----
async function showTimelines() {
    closeStream();
    $('#timeline').hidden = true;
    $('#timelines').hidden = false;
    const search = new FormData($('#find-form')).get('q').trim();
    await listTimelines('/api/timelines?limit=50' + (search ? '&q=' + encodeURIComponent(search) : ''), false);
}

/** A page of the list, in place of the list or after it ({@code more}); the next page is behind the button. */
async function listTimelines(path, more) {
    const listing = ++desk.listing;
    const response = await readerAnswer(path);
    const timelines = await response.json();
    if (listing !== desk.listing) return;
    const items = timelines.map(timeline => el('li', {},
        el('a', {href: '#timeline=' + encodeURIComponent(timeline.id), text: timeline.title}),
        el('span', {class: 'meta', text: ' ' + timeline.status.toLowerCase() + ', ' + timeline.lastSequence
                + ' events, last ' + new Date(timeline.updatedAt).toLocaleString()})));
    if (more) $('#timeline-list').append(...items);
    else $('#timeline-list').replaceChildren(...(items.length ? items : [el('li', {text: 'No timeline found.'})]));
    const next = (response.headers.get('Link') || '').match(/<([^>]+)>;\s*rel="next"/);
    desk.nextTimelines = next ? next[1] : null;
    $('#more-timelines').hidden = !next;
}

async function openTimeline(form) {
    const data = new FormData(form);
    const body = {title: data.get('title'), summary: data.get('summary'), timeZone: data.get('timeZone') || null};
    if (data.get('id')) body.id = data.get('id');
    const opened = await command('POST', '/api/timelines', body);
    await read('/api/timelines/' + opened.timelineId + '?minSequence=0');
    location.hash = 'timeline=' + encodeURIComponent(opened.timelineId);
}

// ---- one timeline ----
async function showTimeline(timelineId) {
    if (desk.timelineId !== timelineId) {
        closeStream();
        desk.timelineId = timelineId;
        desk.updates.clear();
        desk.items.clear();
        $('#updates').replaceChildren();
        desk.drafts.clear();
        desk.draftItems.clear();
        $('#drafts').replaceChildren();
        $('#post-form').replaceChildren(...postForm());
    }
    $('#timelines').hidden = true;
    $('#timeline').hidden = false;
    $('#reader-link').href = desk.readerUrl + '/timelines/' + encodeURIComponent(timelineId);
    await reloadTimeline();
    openStream();
    await followDrafts();
}

async function reloadTimeline(minSequence) {
    const query = '?limit=100' + (minSequence != null ? '&minSequence=' + minSequence : '');
    const page = await read('/api/timelines/' + desk.timelineId + query);
    desk.timeline = page;
    desk.updates.clear();
    page.updates.forEach(update => desk.updates.set(update.id, update));
    renderTimeline();
}

function renderTimeline() {
    const timeline = desk.timeline;
    $('#timeline-title').textContent = timeline.title;
    const closed = timeline.status === 'CLOSED';
    $('#timeline-status').replaceChildren(
        el('span', {text: closed ? 'Coverage closed. ' : 'Live. '}),
        mayPublish() && el('button', {type: 'button', text: closed ? 'Reopen' : 'Close coverage',
            onclick: () => act(() => command('PUT', '/api/timelines/' + desk.timelineId + '/status',
                {status: closed ? 'OPEN' : 'CLOSED'}), result => reloadTimeline(result.sequence))}));
    $('#new-update').hidden = closed;
    $('#retitle').hidden = !mayPublish();
    const retitle = $('#retitle-form');
    if (!$('#retitle').open) {   // not while an editor is changing it
        retitle.elements.title.value = timeline.title;
        retitle.elements.summary.value = timeline.summary;
        retitle.elements.timeZone.value = timeline.timeZone || '';
    }
    const ordered = [...desk.updates.values()].sort((a, b) => (b.pinned - a.pinned) || (b.sequence - a.sequence));
    $('#updates').replaceChildren(...ordered.map(renderUpdate));
}

function renderUpdate(update) {
    let item = desk.items.get(update.id);
    if (!item) {
        item = el('li', {id: 'update-' + update.id},
            el('article', {class: 'view'}), el('div', {class: 'panel', hidden: true}));
        desk.items.set(update.id, item);
    }
    const retracted = update.status !== 'LIVE';   // retracted, or erased by law
    item.className = 'update' + (retracted ? ' retracted' : '');
    item.dataset.revision = update.revision;
    const meta = el('p', {class: 'meta'},
        el('span', {class: 'revision', text: 'Revision ' + update.revision}),
        el('span', {text: 'posted ' + time(update.postedAt) + (update.byline ? ' by ' + update.byline : '')}),
        update.lastChange && el('span', {text: update.lastChange.kind.toLowerCase() + ' ' + time(update.lastChange.at)
                + (update.lastChange.note ? ': ' + update.lastChange.note : '')}),
        update.pinned && el('span', {class: 'badge', text: 'Pinned'}),
        update.keyEvent && el('span', {class: 'badge', text: 'Key event'}),
        retracted && el('span', {class: 'badge', text: update.status === 'ERASED' ? 'Erased' : 'Retracted'}));
    const body = retracted
        ? [el('p', {class: 'tombstone', text: update.retraction.publicNote})]
        : [el('h4', {text: update.headline}), ...update.blocks.map(renderBlock)];
    const editable = !retracted && mayPublish();
    const actions = el('div', {class: 'actions'},
        editable && el('button', {type: 'button', class: 'edit', text: 'Edit', onclick: () => openEditor(update.id)}),
        editable && el('button', {type: 'button', class: 'retract', text: 'Retract',
            onclick: () => openRetraction(update.id)}),
        editable && el('button', {type: 'button', class: 'pin', text: update.pinned ? 'Unpin' : 'Pin',
            onclick: () => act(() => command(update.pinned ? 'DELETE' : 'PUT',
                '/api/timelines/' + desk.timelineId + '/pin', {updateId: update.id}),
                result => reloadTimeline(result.sequence))}),
        el('button', {type: 'button', class: 'history', text: 'History', onclick: () => openHistory(update.id)}));
    $('.view', item).replaceChildren(meta, ...body, actions);
    return item;
}

function renderBlock(block) {
    switch (block.type) {
        case 'paragraph': return el('p', {class: 'block', text: block.text});
        case 'quote': return el('blockquote', {class: 'block quote', text: block.text + (block.attribution
            ? ' (' + block.attribution + ')' : '')});
        case 'image': return el('figure', {class: 'block image'},
            el('img', {src: block.url, alt: block.alt || block.caption || '', loading: 'lazy'}),
            (block.caption || block.credit) && el('figcaption', {text: (block.caption || '')
                + (block.credit ? ' Credit: ' + block.credit : '')}));
        default: return el('p', {class: 'block embed', text: '[Embed] ' + block.url});
    }
}

// ---- the content editor: headline, key event, blocks ----
function contentEditor(content) {
    const headline = el('input', {name: 'headline', maxlength: 200, required: true});
    headline.value = content.headline || '';
    const keyEvent = el('input', {type: 'checkbox', name: 'keyEvent'});
    keyEvent.checked = !!content.keyEvent;
    const blocks = el('div', {class: 'blocks'});
    const addBlock = block => {
        const fieldset = el('fieldset', {class: 'block-editor', 'data-type': block.type},
            el('legend', {text: block.type}));
        for (const [name, label, kind] of BLOCK_FIELDS[block.type]) {
            const input = kind === 'textarea' ? el('textarea', {name, rows: 4}) : el('input', {name, type: kind || 'text'});
            input.value = block[name] || '';
            fieldset.append(el('label', {}, label, input));
        }
        fieldset.append(el('button', {type: 'button', text: 'Remove block', onclick: () => fieldset.remove()}));
        blocks.append(fieldset);
    };
    (content.blocks || [{type: 'paragraph'}]).forEach(addBlock);
    const element = el('div', {class: 'content-editor'},
        el('label', {}, 'Headline', headline),
        el('label', {}, keyEvent, ' Key event'),
        blocks,
        el('p', {class: 'add-blocks'}, 'Add: ', ...Object.keys(BLOCK_FIELDS).map(type =>
            el('button', {type: 'button', text: type, onclick: () => addBlock({type})}))));
    const value = () => ({
        headline: headline.value,
        keyEvent: keyEvent.checked,
        blocks: [...blocks.children].map(fieldset => {
            const block = {type: fieldset.dataset.type};
            for (const [name] of BLOCK_FIELDS[block.type]) {
                const field = fieldset.querySelector('[name=' + name + ']').value;
                if (field !== '' || name === 'text' || name === 'url') block[name] = field;
            }
            return block;
        }),
    });
    return {element, value};
}

/** Editors post, or file a draft for later; contributors file drafts only. */
function postForm() {
    const editor = contentEditor({});
    const byline = el('input', {name: 'byline', maxlength: 200, placeholder: 'you, when left empty'});
    const error = el('p', {class: 'error', role: 'alert'});
    $('#new-update-title').textContent = mayPublish() ? 'Post an update' : 'File a draft for an editor';
    const form = [editor.element, el('label', {}, 'Byline', byline),
        mayPublish() && el('button', {type: 'submit', value: 'post', text: 'Post update'}),
        el('button', {type: 'submit', value: 'draft', class: 'file-draft',
            text: mayPublish() ? 'File as draft' : 'File draft'}),
        error];
    $('#post-form').onsubmit = async event => {
        event.preventDefault();
        error.textContent = '';
        const asDraft = !mayPublish() || (event.submitter && event.submitter.value === 'draft');
        try {
            const result = await command('POST', '/api/timelines/' + desk.timelineId + (asDraft ? '/drafts' : '/updates'),
                {...editor.value(), byline: byline.value.trim() || null});
            $('#post-form').replaceChildren(...postForm());
            await (asDraft ? refreshDrafts() : reloadTimeline(result.sequence));
        } catch (e) {
            error.textContent = problemText(e);
        }
    };
    return form;
}

/** Text of a content, for comparing two versions word by word. */
function plainText(content) {
    return [content.headline, ...(content.blocks || []).map(block =>
        [block.text, block.caption, block.credit, block.alt, block.attribution, block.url].filter(Boolean).join('\n'))]
        .join('\n\n');
}

// ---- editing, with a stale revision kept safe ----
function panelOf(updateId) {
    return openPanel(desk.items.get(updateId));
}

function openPanel(item) {
    const panel = $('.panel', item);
    panel.hidden = false;
    return panel;
}

function closePanel(panel) {
    panel.replaceChildren();
    panel.hidden = true;
}

function openEditor(updateId) {
    const update = desk.updates.get(updateId);
    const panel = panelOf(updateId);
    const draft = {basedOn: update.revision};
    const editor = contentEditor(update);
    const kind = el('select', {name: 'kind'}, ...CHANGE_KINDS.map(k => el('option', {value: k, text: k.toLowerCase()})));
    const note = el('input', {name: 'note', maxlength: 1000});
    const basis = el('p', {class: 'basis meta', text: 'Editing revision ' + draft.basedOn});
    const conflict = el('div', {class: 'conflict', hidden: true, role: 'alert'});
    const error = el('p', {class: 'error', role: 'alert'});
    const save = el('button', {type: 'submit', class: 'save', text: 'Save'});
    const form = el('form', {class: 'edit-form'}, basis, conflict, editor.element,
        el('label', {}, 'Kind of change', kind), el('label', {}, 'Note for readers (required for a correction)', note),
        save, el('button', {type: 'button', text: 'Cancel', onclick: () => closePanel(panel)}), error);
    form.onsubmit = async event => {
        event.preventDefault();
        error.textContent = '';
        const content = editor.value();
        try {
            const result = await command('PUT', '/api/timelines/' + desk.timelineId + '/updates/' + updateId,
                {...content, change: {kind: kind.value, note: note.value || null}}, draft.basedOn);
            closePanel(panel);
            desk.updates.set(updateId, await readUpdate(updateId, result.revision, result.sequence));
            renderTimeline();
        } catch (e) {
            if (e.status === 412) {
                await showConflict(updateId, e.problem.currentRevision, content, draft, conflict, basis);
            } else {
                error.textContent = problemText(e);
            }
        }
    };
    panel.replaceChildren(form);
    editor.element.querySelector('[name=headline]').focus();
}

/**
 * Someone saved first. The editor's draft stays in the form; alongside it, the current text and what differs,
 * and the choice to save the draft (merged by hand as they see fit) over the current revision.
 */
async function showConflict(updateId, currentRevision, mine, draft, conflict, basis) {
    const current = await readUpdate(updateId, currentRevision);
    desk.updates.set(updateId, current);
    renderTimeline();
    const theirs = current.status === 'RETRACTED' ? {headline: '', blocks: []} : current;
    const difference = el('div', {class: 'diff'}, ...Diff.diffWords(plainText(theirs), plainText(mine)).map(part =>
        part.added ? el('ins', {text: part.value}) : part.removed ? el('del', {text: part.value})
            : document.createTextNode(part.value)));
    conflict.replaceChildren(
        el('p', {}, el('strong', {text: 'Someone else saved revision ' + current.revision
            + ' while you were editing revision ' + draft.basedOn + '.'}),
            ' Your draft is kept below. Merge what you need, then save over revision ' + current.revision + '.'),
        el('h5', {text: 'Revision ' + current.revision + ' (current)'}),
        el('div', {class: 'current-text diff', text: current.status === 'RETRACTED'
            ? 'Retracted: ' + current.retraction.publicNote : plainText(current)}),
        el('h5', {text: 'Difference: struck out is only in revision ' + current.revision + ', underlined only in your draft'}),
        difference,
        el('button', {type: 'button', class: 'rebase', text: 'Save my draft over revision ' + current.revision,
            onclick: () => {
                draft.basedOn = current.revision;
                basis.textContent = 'Editing revision ' + draft.basedOn + ' (your draft, merged)';
                conflict.hidden = true;
                conflict.closest('form').requestSubmit();
            }}));
    conflict.hidden = false;
}

function openRetraction(updateId) {
    const update = desk.updates.get(updateId);
    const panel = panelOf(updateId);
    const reason = el('input', {name: 'reason', required: true, maxlength: 1000});
    const publicNote = el('input', {name: 'publicNote', required: true, maxlength: 1000,
        value: 'This update has been withdrawn.'});
    const error = el('p', {class: 'error', role: 'alert'});
    const form = el('form', {class: 'retract-form'},
        el('label', {}, 'Reason (for the audit trail)', reason),
        el('label', {}, 'Public note (readers see this instead)', publicNote),
        el('button', {type: 'submit', text: 'Retract revision ' + update.revision}),
        el('button', {type: 'button', text: 'Cancel', onclick: () => closePanel(panel)}), error);
    form.onsubmit = async event => {
        event.preventDefault();
        try {
            const result = await command('POST', '/api/timelines/' + desk.timelineId + '/updates/' + updateId
                + '/retraction', {reason: reason.value, publicNote: publicNote.value}, update.revision);
            closePanel(panel);
            desk.updates.set(updateId, await readUpdate(updateId, result.revision, result.sequence));
            renderTimeline();
        } catch (e) {
            error.textContent = problemText(e);
        }
    };
    panel.replaceChildren(form);
}

async function openHistory(updateId) {
    const panel = panelOf(updateId);
    const history = await read('/api/timelines/' + desk.timelineId + '/updates/' + updateId + '/history');
    panel.replaceChildren(el('ol', {class: 'history'}, ...history.revisions.map(revision => el('li', {},
        el('strong', {text: 'Revision ' + revision.revision + ' · ' + revision.kind.toLowerCase()}),
        ' ' + new Date(revision.at).toLocaleString() + (revision.note ? ': ' + revision.note : ''),
        revision.headline != null && el('div', {class: 'meta', text: revision.headline})))),
        el('button', {type: 'button', text: 'Close', onclick: () => closePanel(panel)}));
}

// ---- drafts: filed by contributors (or editors), published, scheduled or sent back by editors ----
// The queue lives on this (command) service, not on the readers' stream: the desk asks for it every two seconds
// while a timeline is open, which any instance answers alike.
async function followDrafts() {
    clearInterval(desk.draftsTimer);
    await refreshDrafts();
    desk.draftsTimer = setInterval(() => refreshDrafts().catch(() => {}), 2000);
}

async function refreshDrafts() {
    const timelineId = desk.timelineId;
    if (!timelineId || !desk.auth) return;
    const drafts = await command('GET', '/api/timelines/' + timelineId + '/drafts');
    if (timelineId !== desk.timelineId) return;
    desk.drafts = new Map(drafts.map(draft => [draft.draftId, draft]));
    $('#drafts-empty').hidden = drafts.length > 0;
    $('#drafts').replaceChildren(...drafts.map(renderDraft));
}

function renderDraft(draft) {
    let item = desk.draftItems.get(draft.draftId);
    if (!item) {
        item = el('li', {id: 'draft-' + draft.draftId, class: 'update draft'},
            el('article', {class: 'view'}), el('div', {class: 'panel', hidden: true}));
        desk.draftItems.set(draft.draftId, item);
    }
    const shown = JSON.stringify(draft);
    if (item.dataset.shown === shown) return item;   // unchanged: keep its buttons and focus as they are
    item.dataset.shown = shown;
    item.dataset.revision = draft.revision;
    const path = '/api/timelines/' + desk.timelineId + '/drafts/' + draft.draftId;
    const scheduled = draft.status === 'SCHEDULED';
    const editors = mayPublish() && !scheduled;
    const status = {PENDING: 'Waiting for an editor', REJECTED: 'Sent back',
        SCHEDULED: 'Scheduled for ' + dateTime(draft.publishAt)}[draft.status];
    $('.view', item).replaceChildren(...[
        el('p', {class: 'meta'},
            el('span', {class: 'badge status', text: status}),
            el('span', {text: 'Draft by ' + draft.author + (draft.byline ? ', byline ' + draft.byline : '')}),
            el('span', {class: 'revision', text: 'revision ' + draft.revision + ', last changed by '
                + draft.changedBy + ' ' + time(draft.changedAt)})),
        draft.status === 'REJECTED' && draft.note && el('p', {class: 'note', text: 'Editor\'s note: ' + draft.note}),
        el('h4', {text: draft.headline}),
        ...(draft.blocks || []).map(renderBlock),
        el('div', {class: 'actions'},
            !scheduled && (mayPublish() || draft.author === desk.me.user) && el('button', {type: 'button',
                class: 'edit-draft', text: 'Edit', onclick: () => openDraftEditor(draft.draftId)}),
            editors && el('button', {type: 'button', class: 'publish', text: 'Publish now',
                onclick: () => act(() => command('POST', path + '/publication', null, draft.revision), refreshDrafts)}),
            editors && el('button', {type: 'button', class: 'schedule', text: 'Schedule',
                onclick: () => openSchedule(draft.draftId)}),
            editors && el('button', {type: 'button', class: 'send-back', text: 'Send back',
                onclick: () => openRejection(draft.draftId)}),
            scheduled && mayPublish() && el('button', {type: 'button', class: 'cancel-schedule',
                text: 'Cancel the schedule', onclick: () => act(() => command('DELETE', path + '/publication'),
                    refreshDrafts)}))].filter(child => child));
    return item;
}

function dateTime(instant) {
    return new Date(instant).toLocaleString([], {dateStyle: 'medium', timeStyle: 'short'});
}

/** A form in a draft's panel that sends {@code send(form)} and closes on success, showing a refusal in place. */
function draftPanelForm(draftId, className, fields, submitText, send) {
    const panel = openPanel(desk.draftItems.get(draftId));
    const error = el('p', {class: 'error', role: 'alert'});
    const form = el('form', {class: className}, ...fields, el('button', {type: 'submit', text: submitText}),
        el('button', {type: 'button', text: 'Cancel', onclick: () => closePanel(panel)}), error);
    form.onsubmit = async event => {
        event.preventDefault();
        try {
            await send();
            closePanel(panel);
            await refreshDrafts();
        } catch (e) {
            error.textContent = problemText(e);
        }
    };
    panel.replaceChildren(form);
    return form;
}

function openDraftEditor(draftId) {
    const draft = desk.drafts.get(draftId);
    const editor = contentEditor(draft);
    const byline = el('input', {name: 'byline', maxlength: 200, value: draft.byline || ''});
    draftPanelForm(draftId, 'draft-form', [editor.element, el('label', {}, 'Byline', byline)], 'Save draft', () =>
        command('PUT', '/api/timelines/' + desk.timelineId + '/drafts/' + draftId,
            {...editor.value(), byline: byline.value.trim() || null}, draft.revision));
}

function openSchedule(draftId) {
    const draft = desk.drafts.get(draftId);
    const at = el('input', {type: 'datetime-local', name: 'at', step: 1, required: true});
    draftPanelForm(draftId, 'schedule-form', [el('label', {}, 'Publish at (your time)', at)], 'Schedule', () =>
        command('POST', '/api/timelines/' + desk.timelineId + '/drafts/' + draftId + '/publication',
            {at: new Date(at.value).toISOString()}, draft.revision));
}

function openRejection(draftId) {
    const note = el('input', {name: 'note', required: true, maxlength: 1000});
    draftPanelForm(draftId, 'rejection-form', [el('label', {}, 'Note for the author', note)], 'Send back', () =>
        command('POST', '/api/timelines/' + desk.timelineId + '/drafts/' + draftId + '/rejection',
            {note: note.value}));
}

// ---- other editors' changes, live ----
function openStream() {
    if (desk.stream) return;
    const lastSequence = desk.timeline.lastSequence;
    desk.stream = new EventSource(desk.readerUrl + '/api/timelines/' + desk.timelineId + '/stream?after=' + lastSequence);
    for (const type of ['posted', 'edited', 'retracted', 'erased', 'pinned', 'unpinned']) {
        desk.stream.addEventListener(type, async event => {
            const message = JSON.parse(event.data);
            if (type === 'pinned' || type === 'unpinned' || type === 'erased') {
                await reloadTimeline(message.sequence);
                return;
            }
            const before = desk.updates.get(message.updateId);
            const update = await readUpdate(message.updateId, 0, message.sequence);
            desk.updates.set(update.id, update);
            renderTimeline();
            const form = $('.edit-form', desk.items.get(update.id));
            if (form && before && update.revision > before.revision) {
                $('.basis', form).replaceChildren(el('span', {class: 'changed-elsewhere',
                    text: 'Changed by someone else: now at revision ' + update.revision + '. '}),
                    'Your draft is based on an older revision; saving will show you the difference.');
            }
        });
    }
}

function closeStream() {
    if (desk.stream) desk.stream.close();
    desk.stream = null;
    clearInterval(desk.draftsTimer);
    desk.draftsTimer = null;
    desk.timelineId = null;
}

// ---- plumbing ----
function problemText(e) {
    const field = e.problem && e.problem.field ? e.problem.field + ': ' : '';
    return field && e.problem.detail && e.problem.detail.startsWith(field) ? e.problem.detail : field + e.message;
}

async function act(action, then) {
    try {
        await then(await action());
    } catch (e) {
        alert(problemText(e));
    }
}

function route() {
    if (!desk.auth) return;
    const match = location.hash.match(/^#timeline=(.+)$/);
    (match ? showTimeline(decodeURIComponent(match[1])) : showTimelines()).catch(e => alert(problemText(e)));
}

const showSignInError = e => { $('#sign-in-error').textContent = e.message; };
$('#sign-in-form').addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(event.target);
    signIn('Basic ' + btoa(unescape(encodeURIComponent(data.get('username') + ':' + data.get('password')))))
        .catch(showSignInError);
});
$('#provider-sign-in button').addEventListener('click', () =>
    signInWithProvider(desk.signInMethod).catch(showSignInError));
$('#open-form').addEventListener('submit', event => {
    event.preventDefault();
    openTimeline(event.target).catch(e => { $('#open-form .error').textContent = problemText(e); });
});
$('#retitle-form').addEventListener('submit', event => {
    event.preventDefault();
    const data = new FormData(event.target);
    command('PUT', '/api/timelines/' + desk.timelineId, {title: data.get('title'), summary: data.get('summary'),
        timeZone: data.get('timeZone') || null})
        .then(result => { $('#retitle').open = false; return reloadTimeline(result.sequence); })
        .catch(e => { $('#retitle-form .error').textContent = problemText(e); });
});
// the zones this browser knows, as suggestions: the service checks against the IANA database
$('#time-zones').replaceChildren(...(Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [])
    .map(zone => el('option', {value: zone})));
$('#sign-out').addEventListener('click', () => signOut(true));
let searching = null;   // the search waits for a pause in typing
$('#find-form').addEventListener('input', () => {
    clearTimeout(searching);
    searching = setTimeout(() => showTimelines().catch(e => alert(problemText(e))), 250);
});
$('#find-form').addEventListener('submit', event => {
    event.preventDefault();
    showTimelines().catch(e => alert(problemText(e)));
});
$('#more-timelines').addEventListener('click', () =>
    listTimelines(desk.nextTimelines, true).catch(e => alert(problemText(e))));
window.addEventListener('hashchange', route);
offerSignIn().catch(showSignInError);
