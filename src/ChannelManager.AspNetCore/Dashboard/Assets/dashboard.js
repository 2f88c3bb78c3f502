// ChannelManager operators' dashboard: plain JavaScript, no framework, no build step, nothing from another origin.
// Lists come from the management API; live changes come from {base}/events (server-sent events), read with fetch()
// so that the API key travels in the Authorization header and never in a URL. Every text from the server is set with
// textContent, never parsed as HTML.
(() => {
  'use strict';

  const KEY_STORAGE = 'channelManager.dashboard.apiKey';
  const MAX_LOG_ROWS = 200;
  const base = document.querySelector('meta[name="cm-dashboard-base"]').content;
  const api = document.querySelector('meta[name="cm-api-base"]').content;
  const $ = (id) => document.getElementById(id);

  const state = {
    key: null,
    connections: new Map(), // id -> connection
    conflicts: new Map(),
    deadLetters: new Map(),
    logs: new Map(), // id -> sync-log row
    stream: null, // AbortController of the live stream
    retryMs: 1000,
  };

  // ---------- helpers ----------

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'scope' || name === 'type' || name === 'for') node.setAttribute(name, value);
      else node[name] = value;
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function time(value) {
    if (!value) return el('span', { class: 'never', text: 'never' });
    const d = new Date(value);
    return el('time', { dateTime: d.toISOString(), text: d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC', title: value });
  }

  function badge(text) {
    return el('span', { class: 'badge ' + text, text });
  }

  function short(id) {
    return id ? String(id).slice(0, 8) : '';
  }

  class ApiError extends Error {
    constructor(status, problem) {
      const fields = problem && problem.errors ? Object.entries(problem.errors).map(([f, m]) => f + ': ' + [].concat(m).join(' ')).join('; ') : '';
      super((problem && (problem.detail || problem.title)) ? (problem.detail || problem.title) + (fields ? ' (' + fields + ')' : '') : 'HTTP ' + status);
      this.status = status;
    }
  }

  async function call(method, path, body) {
    const headers = { Authorization: 'Bearer ' + state.key, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(api + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
    if (response.status === 401) {
      signOut('The API key was refused.');
      throw new ApiError(401, { detail: 'The API key was refused.' });
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  // ---------- loading the lists ----------

  async function loadAll() {
    const connections = [];
    let cursor = null;
    do {
      const page = await call('GET', '/channel-connections?limit=500' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      connections.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && connections.length < 5000);
    state.connections = new Map(connections.map((c) => [c.id, c]));

    const [conflicts, deadLetters] = await Promise.all([
      call('GET', '/conflicts?status=open&limit=500'),
      call('GET', '/dead-letters?limit=500'),
    ]);
    state.conflicts = new Map(conflicts.items.map((c) => [c.id, c]));
    state.deadLetters = new Map(deadLetters.items.map((d) => [d.id, d]));

    // The newest rows of the most recently synced connections (a few requests at a time).
    const recent = connections.slice().sort((a, b) => String(b.last_sync_at || b.updated_at).localeCompare(String(a.last_sync_at || a.updated_at))).slice(0, 50);
    const logs = new Map();
    for (let i = 0; i < recent.length; i += 6) {
      const pages = await Promise.all(recent.slice(i, i + 6).map((c) => call('GET', '/channel-connections/' + c.id + '/sync-logs?limit=20').catch(() => ({ items: [] }))));
      for (const page of pages) for (const row of page.items) logs.set(row.id, row);
    }
    state.logs = logs;
    renderAll();
  }

  // ---------- rendering ----------

  function renderAll() {
    renderConnections();
    renderLogs();
    renderConflicts();
    renderDeadLetters();
  }

  function renderConnections() {
    const host = $('connections');
    host.replaceChildren();
    const all = [...state.connections.values()];
    $('connections-count').textContent = '(' + all.length + ')';
    if (all.length === 0) {
      host.append(el('p', { class: 'empty', text: 'No connections yet.' }));
      return;
    }
    const byProperty = new Map();
    for (const c of all) {
      if (!byProperty.has(c.property_id)) byProperty.set(c.property_id, []);
      byProperty.get(c.property_id).push(c);
    }
    for (const [property, list] of [...byProperty.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      list.sort((a, b) => a.platform_type.localeCompare(b.platform_type) || a.platform_listing_id.localeCompare(b.platform_listing_id));
      const body = el('tbody');
      for (const c of list) body.append(connectionRow(c));
      host.append(
        el('h3', { text: 'Property ' + property }),
        el('table', { class: 'connections', 'data-property-id': property },
          el('thead', {}, el('tr', {},
            el('th', { scope: 'col', text: 'Platform' }), el('th', { scope: 'col', text: 'Listing' }), el('th', { scope: 'col', text: 'Status' }),
            el('th', { scope: 'col', text: 'Health' }), el('th', { scope: 'col', text: 'Last sync' }), el('th', { scope: 'col', text: 'Connection' }),
            el('th', { scope: 'col', text: 'Test' }))),
          body));
    }
  }

  function connectionRow(c) {
    const testButton = el('button', { type: 'button', class: 'secondary', text: 'Test', 'aria-label': 'Test connection ' + c.platform_listing_id });
    const testResult = el('span', { class: 'test-result', role: 'status' });
    testButton.addEventListener('click', async () => {
      testButton.disabled = true;
      testResult.textContent = '…';
      try {
        const result = await call('POST', '/channel-connections/' + c.id + '/test');
        testResult.textContent = result.healthy ? ' healthy' : ' ' + result.message;
      } catch (e) {
        testResult.textContent = ' ' + e.message;
      } finally {
        testButton.disabled = false;
      }
    });
    return el('tr', { 'data-connection-id': c.id },
      el('td', { class: 'platform', text: c.platform_type }),
      el('td', { class: 'listing', text: c.platform_listing_id }),
      el('td', { class: 'status' }, badge(c.status)),
      el('td', { class: c.last_error ? 'health error-text' : 'health' }, c.last_error ? document.createTextNode(c.last_error) : badge('healthy')),
      el('td', { class: 'last-sync' }, time(c.last_sync_at)),
      el('td', { class: 'id', title: c.id, text: short(c.id) }),
      el('td', {}, testButton, testResult));
  }

  function describeConnection(id) {
    const c = state.connections.get(id);
    return c ? c.platform_type + ' ' + c.platform_listing_id : short(id);
  }

  function renderLogs(freshId) {
    const rows = [...state.logs.values()].sort((a, b) => String(b.started_at).localeCompare(String(a.started_at)) || String(b.id).localeCompare(String(a.id)));
    for (const old of rows.slice(MAX_LOG_ROWS)) state.logs.delete(old.id);
    const body = $('sync-logs').tBodies[0];
    body.replaceChildren();
    if (rows.length === 0) {
      body.append(el('tr', {}, el('td', { colSpan: 7, class: 'empty', text: 'No sync activity yet.' })));
      return;
    }
    for (const r of rows.slice(0, MAX_LOG_ROWS)) {
      body.append(el('tr', { 'data-sync-log-id': r.id, 'data-connection-id': r.connection_id, class: (r.outcome === 'failed' ? 'failed' : '') + (r.id === freshId ? ' fresh' : '') },
        el('td', {}, time(r.started_at)),
        el('td', { text: describeConnection(r.connection_id) }),
        el('td', { text: r.operation }),
        el('td', { text: r.trigger || '' }),
        el('td', {}, badge(r.outcome)),
        el('td', { text: String(r.platform_calls) }),
        el('td', { class: r.error ? 'error-text' : '', text: r.error || '' })));
    }
  }

  function renderConflicts() {
    const body = $('conflicts').tBodies[0];
    body.replaceChildren();
    const open = [...state.conflicts.values()].filter((c) => c.status === 'open').sort((a, b) => String(b.detected_at).localeCompare(String(a.detected_at)));
    $('conflicts-count').textContent = '(' + open.length + ')';
    if (open.length === 0) {
      body.append(el('tr', {}, el('td', { colSpan: 6, class: 'empty', text: 'No open conflicts.' })));
      return;
    }
    for (const c of open) {
      const input = el('input', { type: 'text', placeholder: 'How it was resolved', 'aria-label': 'Resolution of booking ' + c.booking_id, maxLength: 2000 });
      const button = el('button', { type: 'button', text: 'Resolve' });
      const form = el('form', { class: 'resolve' }, input, button);
      form.addEventListener('submit', (e) => e.preventDefault());
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          const resolved = await call('POST', '/conflicts/' + c.id + '/resolve', { resolution: input.value || null });
          state.conflicts.set(resolved.id, resolved);
          renderConflicts();
        } catch (e) {
          button.disabled = false;
          button.title = e.message;
        }
      });
      body.append(el('tr', { 'data-conflict-id': c.id },
        el('td', {}, time(c.detected_at)),
        el('td', { title: c.property_id, text: short(c.property_id) }),
        el('td', { text: c.booking_id + (c.confirmation_code ? ' (' + c.confirmation_code + ')' : '') }),
        el('td', { text: c.check_in + ' → ' + c.check_out }),
        el('td', { text: c.source || '' }),
        el('td', {}, form)));
    }
  }

  function renderDeadLetters() {
    const body = $('dead-letters').tBodies[0];
    body.replaceChildren();
    const letters = [...state.deadLetters.values()].sort((a, b) => String(b.dead_lettered_at).localeCompare(String(a.dead_lettered_at)));
    $('dead-letters-count').textContent = '(' + letters.length + ')';
    if (letters.length === 0) {
      body.append(el('tr', {}, el('td', { colSpan: 6, class: 'empty', text: 'No dead letters.' })));
      return;
    }
    for (const d of letters) {
      const button = el('button', { type: 'button', text: 'Replay', 'aria-label': 'Replay event ' + d.event_id });
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await call('POST', '/dead-letters/' + encodeURIComponent(d.id) + '/replay');
          state.deadLetters.delete(d.id);
          renderDeadLetters();
        } catch (e) {
          button.disabled = false;
          button.title = e.message;
        }
      });
      body.append(el('tr', { 'data-dead-letter-id': d.id },
        el('td', {}, time(d.dead_lettered_at)),
        el('td', { text: d.type + ' ' + short(d.event_id) }),
        el('td', { title: d.property_id, text: short(d.property_id) }),
        el('td', { text: String(d.deliveries) }),
        el('td', { class: 'error-text', text: d.reason }),
        el('td', {}, button)));
    }
  }

  // ---------- live status (server-sent events over fetch) ----------

  function setLive(stateName, text) {
    const live = $('live');
    live.dataset.state = stateName;
    live.textContent = text;
  }

  function onEvent(name, data) {
    switch (name) {
      case 'ready':
        state.retryMs = 1000;
        $('tenant').textContent = 'Tenant: ' + data.tenant;
        setLive('live', 'Live');
        // (Re)load the lists once the stream is open, so nothing between the two is missed.
        loadAll().catch((e) => setLive('reconnecting', 'Could not load: ' + e.message));
        break;
      case 'sync_log':
        state.logs.set(data.id, data);
        renderLogs(data.id);
        break;
      case 'connection':
        state.connections.set(data.id, data);
        renderConnections();
        renderLogs();
        break;
      case 'connection_deleted':
        state.connections.delete(data.id);
        renderConnections();
        break;
      case 'conflict':
        state.conflicts.set(data.id, data);
        renderConflicts();
        break;
      case 'dead_letter':
        state.deadLetters.set(data.id, data);
        renderDeadLetters();
        break;
      case 'dead_letter_replayed':
        state.deadLetters.delete(data.id);
        renderDeadLetters();
        break;
      case 'resync':
        loadAll().catch(() => {});
        break;
      default:
        break;
    }
  }

  function dispatch(block) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue; // comments are heartbeats
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length === 0) return;
    try {
      onEvent(name, JSON.parse(data.join('\n')));
    } catch (e) {
      console.error('dashboard event', name, e);
    }
  }

  async function stream(controller) {
    const response = await fetch(base + '/events', {
      headers: { Authorization: 'Bearer ' + state.key, Accept: 'text/event-stream' },
      cache: 'no-store',
      credentials: 'omit',
      signal: controller.signal,
    });
    if (response.status === 401) {
      signOut('The API key was refused.');
      return;
    }
    if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  async function keepStreaming() {
    const controller = new AbortController();
    state.stream = controller;
    while (!controller.signal.aborted) {
      try {
        await stream(controller);
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      if (controller.signal.aborted || state.stream !== controller) return;
      setLive('reconnecting', 'Reconnecting…');
      await new Promise((resolve) => setTimeout(resolve, state.retryMs));
      state.retryMs = Math.min(state.retryMs * 2, 30000);
    }
  }

  // ---------- signing in and out ----------

  function signIn(key) {
    state.key = key;
    sessionStorage.setItem(KEY_STORAGE, key);
    $('sign-in').hidden = true;
    $('board').hidden = false;
    $('sign-out').hidden = false;
    $('sign-in-error').textContent = '';
    setLive('reconnecting', 'Connecting…');
    keepStreaming();
  }

  function signOut(message) {
    if (state.stream) state.stream.abort();
    state.stream = null;
    state.key = null;
    sessionStorage.removeItem(KEY_STORAGE);
    $('board').hidden = true;
    $('sign-out').hidden = true;
    $('sign-in').hidden = false;
    $('tenant').textContent = '';
    $('sign-in-error').textContent = message || '';
    setLive('offline', 'Not connected');
  }

  async function createConnection(event) {
    event.preventDefault();
    const form = event.target;
    const result = $('create-result');
    const body = {
      property_id: form.property_id.value.trim(),
      platform_type: form.platform_type.value,
      platform_listing_id: form.platform_listing_id.value.trim(),
      access_token: form.access_token.value,
    };
    if (form.platform_metadata.value.trim()) {
      try {
        body.platform_metadata = JSON.parse(form.platform_metadata.value);
      } catch (e) {
        result.className = 'error';
        result.textContent = 'The metadata is not valid JSON.';
        return;
      }
    }
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      const created = await call('POST', '/channel-connections', body);
      state.connections.set(created.id, created);
      renderConnections();
      result.className = '';
      result.textContent = 'Created connection ' + created.id + '.';
      form.platform_listing_id.value = '';
      form.access_token.value = '';
    } catch (e) {
      result.className = 'error';
      result.textContent = e.message;
    } finally {
      submit.disabled = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('sign-in-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const key = $('api-key').value.trim();
      $('api-key').value = '';
      if (key) signIn(key);
    });
    $('sign-out').addEventListener('click', () => signOut(''));
    $('create-form').addEventListener('submit', createConnection);
    const saved = sessionStorage.getItem(KEY_STORAGE);
    if (saved) signIn(saved);
    else $('api-key').focus();
  });
})();
