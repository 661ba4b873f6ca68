// Signoff's demo page: every call is a same-origin fetch to the default mapping; no inline script (CSP script-src 'self').
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  // the first access token the page received, kept to show that it is refused once its login has ended
  let firstToken = null;
  // the latest access token, sent as a Bearer header while the page has one
  let token = null;

  async function call(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (token) {
      headers['Authorization'] = 'Bearer ' + token;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
    return { status: response.status, json, text };
  }

  function claims(jwt) {
    try {
      const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
    } catch (e) {
      return null;
    }
  }

  function keep(json) {
    if (json && typeof json.access_token === 'string') {
      token = json.access_token;
      if (!firstToken) {
        firstToken = token;
      }
    }
  }

  function text(id, value, cls) {
    const el = $(id);
    el.textContent = value;
    el.className = cls || '';
  }

  async function report(action, answer) {
    text('report-action', action);
    const ok = answer.status >= 200 && answer.status < 300;
    text('report-answer', 'HTTP ' + answer.status + (answer.text ? ' ' + shortened(answer) : ''), ok ? 'ok' : 'bad');
    await showCookies();
    await tryOldToken();
  }

  // the answer as text, each token cut to its first characters: the page shows what happened, not secrets to copy
  function shortened(answer) {
    if (answer.json === null) {
      return answer.text;
    }
    return JSON.stringify(answer.json, (key, value) =>
      typeof value === 'string' && /token$/.test(key) && value.length > 16 ? value.slice(0, 12) + '…' : value);
  }

  async function showCookies() {
    const list = $('report-cookies');
    list.replaceChildren();
    const response = await fetch('auth/demo/cookies', { credentials: 'same-origin', cache: 'no-store' });
    const json = response.ok ? await response.json() : { cookies: [] };
    if (json.cookies.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'none';
      li.id = 'no-cookies';
      list.append(li);
    }
    for (const cookie of json.cookies) {
      const li = document.createElement('li');
      li.textContent = cookie.name + '  (value fingerprint ' + cookie.fingerprint + ')';
      li.dataset.cookie = cookie.name;
      list.append(li);
    }
  }

  async function tryOldToken() {
    if (!firstToken) {
      text('report-old-token', 'no token kept yet');
      return;
    }
    const response = await fetch('api/me', {
      headers: { 'Authorization': 'Bearer ' + firstToken, 'Accept': 'application/json' },
      credentials: 'omit', cache: 'no-store'
    });
    const c = claims(firstToken) || {};
    const id = 'token ' + (c.jti ? c.jti.slice(0, 8) + '…' : '') + ' of session ' + (c.sid || '?');
    if (response.status === 200) {
      text('report-old-token', id + ': GET /api/me → 200, still accepted', 'ok');
    } else {
      text('report-old-token', id + ': GET /api/me → ' + response.status + ', refused', 'bad');
    }
  }

  function time(value) {
    return value ? value.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '–';
  }

  async function signIn(event) {
    event.preventDefault();
    token = null;
    const answer = await call('POST', 'auth/login', { username: $('username').value, password: $('password').value });
    keep(answer.json);
    $('password').value = '';
    await report('Signed in as ' + $('username').value, answer);
    if (answer.status === 200) {
      await whoAmI(false);
    }
  }

  async function whoAmI(withReport) {
    const answer = await call('GET', 'api/me');
    if (answer.status === 200 && answer.json) {
      const c = token ? claims(token) : null;
      text('me-subject', answer.json.name);
      text('me-roles', (answer.json.roles || []).join(', ') || '–');
      text('me-session', answer.json.session || '–');
      text('me-expires', c && c.exp ? new Date(c.exp * 1000).toISOString().replace('.000', '') : 'the cookie\'s token');
    } else {
      for (const id of ['me-subject', 'me-roles', 'me-session', 'me-expires']) {
        text(id, '–');
      }
      text('me-subject', 'not signed in (HTTP ' + answer.status + ')', 'bad');
    }
    if (withReport !== false) {
      await report('Asked who I am: GET /api/me', answer);
    }
  }

  async function refresh() {
    token = null;
    const answer = await call('POST', 'auth/refresh');
    keep(answer.json);
    await report('Refreshed the tokens: POST /auth/refresh (the refresh cookie)', answer);
  }

  async function sessions(withReport) {
    const answer = await call('GET', 'auth/sessions');
    const body = $('sessions-body');
    body.replaceChildren();
    if (answer.status === 200 && Array.isArray(answer.json)) {
      text('sessions-note', answer.json.length + ' live session(s)');
      for (const s of answer.json) {
        const row = document.createElement('tr');
        row.dataset.session = s.id;
        if (s.current) {
          row.className = 'current';
        }
        for (const value of [s.id, s.user_agent || '–', s.address || '–', time(s.created), time(s.last_used), time(s.expires)]) {
          const cell = document.createElement('td');
          cell.textContent = value;
          row.append(cell);
        }
        const cell = document.createElement('td');
        const end = document.createElement('button');
        end.type = 'button';
        end.className = 'end';
        end.textContent = 'end';
        end.addEventListener('click', () => endSession(s.id));
        cell.append(end);
        row.append(cell);
        body.append(row);
      }
    } else {
      text('sessions-note', 'GET /auth/sessions → HTTP ' + answer.status, 'bad');
    }
    if (withReport !== false) {
      await report('Listed my sessions: GET /auth/sessions', answer);
    }
  }

  async function endSession(id) {
    const answer = await call('POST', 'auth/sessions/' + encodeURIComponent(id) + '/logout');
    await report('Ended session ' + id + ': POST /auth/sessions/' + id + '/logout', answer);
    await sessions(false);
  }

  async function logout(path, label) {
    const answer = await call('POST', path);
    token = null;
    await report(label, answer);
    await whoAmI(false);
    $('sessions-body').replaceChildren();
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('signin').addEventListener('submit', signIn);
    $('me-button').addEventListener('click', () => whoAmI(true));
    $('refresh-button').addEventListener('click', refresh);
    $('sessions-button').addEventListener('click', () => sessions(true));
    $('logout-button').addEventListener('click', () => logout('auth/logout', 'Logged out: POST /auth/logout'));
    $('logout-all-button').addEventListener('click', () => logout('auth/logout-all', 'Logged out everywhere: POST /auth/logout-all'));
    showCookies();
  });
})();
