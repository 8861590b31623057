extension StudioAssets {
    /// The pages' script. Dataset text reaches the page only through `textContent`, never as
    /// markup; every change is a `fetch` carrying the CSRF token from the page's meta tag.
    static let script = #"""
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var page = document.body.dataset.page;
  var project = document.body.dataset.project;

  function el(id) { return document.getElementById(id); }
  function api(method, url, body) {
    var options = {method: method, headers: {'Accept': 'application/json'}, credentials: 'same-origin'};
    if (method !== 'GET') options.headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) { options.headers['Content-Type'] = 'application/json'; options.body = JSON.stringify(body); }
    return fetch(url, options).then(function (response) {
      if (response.status === 204) return {status: 204, data: null};
      return response.json().then(function (data) { return {status: response.status, data: data}; },
                                  function () { return {status: response.status, data: null}; });
    });
  }
  function problem(r) { return (r.data && r.data.error) || ('error ' + r.status); }

  var logout = el('logout');
  if (logout) logout.addEventListener('click', function () {
    api('POST', '/api/logout').then(function () { location.href = '/login'; });
  });

  if (page === 'login') {
    el('login-form').addEventListener('submit', function (event) {
      event.preventDefault();
      api('POST', '/api/login', {name: el('login-name').value, password: el('login-password').value}).then(function (r) {
        if (r.status === 200) { location.href = '/'; } else { el('login-error').textContent = problem(r); }
      });
    });
  }

  if (page === 'annotate') annotate();
  if (page === 'admin') admin();
  if (page === 'project') projectPage();
  if (page === 'guidelines') guidelinesPage();

  function annotate() {
    var base = '/api/projects/' + project;
    var choices = Array.prototype.slice.call(document.querySelectorAll('.choice'));
    var multi = el('choices').dataset.multi === 'true';
    var kind = el('choices').dataset.kind;
    // history: the keys this annotator labelled, oldest first; position: the one shown while
    // browsing back with the arrows (-1: at the head of the queue).
    var state = {item: null, selected: [], history: [], position: -1, busy: false};
    var status = el('status');

    function say(message, tone) { status.textContent = message; status.className = 'status ' + (tone || ''); }

    function render(item) {
      state.item = item;
      state.selected = [];
      var body = el('item-body');
      body.textContent = '';
      el('done').hidden = !!item;
      el('item').dataset.key = item ? item.item : '';
      el('item-key').textContent = item ? item.item : '';
      el('item-state').textContent = '';
      if (item) {
        if (item.turns && item.turns.length) {
          var turns = document.createElement('div');
          turns.className = 'turns';
          item.turns.forEach(function (t) {
            var turn = document.createElement('div');
            turn.className = 'turn ' + (['user', 'assistant', 'system', 'tool'].indexOf(t.role) >= 0 ? t.role : 'other');
            var speaker = document.createElement('div');
            speaker.className = 'speaker';
            speaker.textContent = t.role;
            var content = document.createElement('div');
            content.className = 'content';
            content.textContent = t.content;
            turn.appendChild(speaker);
            turn.appendChild(content);
            turns.appendChild(turn);
          });
          body.appendChild(turns);
        } else {
          var text = document.createElement('div');
          text.className = 'text';
          text.textContent = item.text;
          body.appendChild(text);
        }
        body.scrollTop = 0;
        if (item.label !== null && item.label !== undefined) {
          state.selected = Array.isArray(item.label) ? item.label.map(String) : [String(item.label)];
          el('item-state').textContent = '· your label: ' + state.selected.join(', ');
        }
        if (kind === 'review') {
          var turnsList = item.turns || [];
          var edit = item.edit || {};
          el('note').value = item.note || '';
          el('edit-prompt').value = edit.prompt !== undefined ? edit.prompt : (turnsList[0] ? turnsList[0].content : '');
          el('edit-response').value = edit.response !== undefined ? edit.response : (turnsList[1] ? turnsList[1].content : '');
        }
      }
      update();
    }

    function update() {
      choices.forEach(function (button) {
        button.classList.toggle('selected', state.selected.indexOf(button.dataset.value) >= 0);
        button.disabled = !state.item;
      });
      if (kind === 'review') el('edit-fields').hidden = state.selected[0] !== 'edit';
    }

    function pick(index) {
      var button = choices[index];
      if (!button || !state.item) return;
      var value = button.dataset.value;
      if (multi) {
        var at = state.selected.indexOf(value);
        if (at >= 0) { state.selected.splice(at, 1); } else { state.selected.push(value); }
      } else {
        state.selected = [value];
      }
      update();
    }

    function answer() {
      if (multi) return choices.map(function (b) { return b.dataset.value; }).filter(function (v) { return state.selected.indexOf(v) >= 0; });
      if (kind === 'scale') return Number(state.selected[0]);
      return state.selected[0];
    }

    function progress() {
      return api('GET', base + '/progress').then(function (r) {
        if (r.status !== 200) return;
        var mine = (r.data.annotators || []).filter(function (a) { return a.annotator === document.body.dataset.user; })[0];
        var parts = [];
        if (mine && mine.assigned) parts.push(mine.done + ' of ' + mine.assigned + ' done');
        if (mine) parts.push(mine.labels + ' labels in all');
        if (r.data.remaining) parts.push(r.data.remaining + ' left in the queue');
        el('progress').textContent = parts.join(' · ');
      });
    }

    function loadNext() {
      state.position = -1;
      return api('GET', base + '/next').then(function (r) {
        if (r.status === 204) { render(null); return; }
        if (r.status !== 200) { say(problem(r), 'bad'); return; }
        render(r.data);
      }).then(progress);
    }

    function load(key) {
      return api('GET', base + '/items/' + encodeURIComponent(key)).then(function (r) {
        if (r.status !== 200) { say(problem(r), 'bad'); return; }
        render(r.data);
      });
    }

    function submit() {
      if (!state.item || state.busy) return;
      if (!state.selected.length) { say('Pick a label first (number keys).', 'bad'); return; }
      var body = {label: answer()};
      if (kind === 'review') {
        var note = el('note').value;
        if (note) body.note = note;
        if (state.selected[0] === 'edit') body.edit = {prompt: el('edit-prompt').value, response: el('edit-response').value};
      }
      var key = state.item.item;
      state.busy = true;
      api('POST', base + '/items/' + encodeURIComponent(key) + '/labels', body).then(function (r) {
        state.busy = false;
        if (r.status !== 201) { say(problem(r), 'bad'); return; }
        say('Saved ' + key + '.', 'ok');
        if (state.history.indexOf(key) < 0) state.history.push(key);
        if (state.position >= 0 && state.position + 1 < state.history.length) {
          state.position += 1;
          load(state.history[state.position]);
        } else {
          loadNext();
        }
      }, function () { state.busy = false; say('The server did not answer; your label was not saved.', 'bad'); });
    }

    function back() {
      if (!state.history.length) { say('Nothing labelled yet.', ''); return; }
      state.position = state.position < 0 ? state.history.length - 1 : Math.max(0, state.position - 1);
      load(state.history[state.position]);
    }

    function forward() {
      if (state.position < 0) return;
      if (state.position + 1 < state.history.length) {
        state.position += 1;
        load(state.history[state.position]);
      } else {
        loadNext();
      }
    }

    function undo() {
      var key = state.history[state.history.length - 1];
      if (!key) { say('Nothing to undo.', ''); return; }
      api('DELETE', base + '/items/' + encodeURIComponent(key) + '/labels').then(function (r) {
        if (r.status !== 204) { say(problem(r), 'bad'); return; }
        state.history.pop();
        state.position = -1;
        say('Took back your label on ' + key + '.', 'ok');
        load(key).then(progress);
      });
    }

    choices.forEach(function (button, index) { button.addEventListener('click', function () { pick(index); }); });
    el('submit').addEventListener('click', submit);
    el('prev').addEventListener('click', back);
    el('forward').addEventListener('click', forward);
    el('undo').addEventListener('click', undo);
    document.addEventListener('keydown', function (event) {
      var target = event.target;
      if (target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT')) {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); submit(); }
        if (event.key === 'Escape') target.blur();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[0-9]$/.test(event.key)) { event.preventDefault(); pick(event.key === '0' ? 9 : Number(event.key) - 1); }
      else if (event.key === 'Enter') { event.preventDefault(); submit(); }
      else if (event.key === 'ArrowLeft') { event.preventDefault(); back(); }
      else if (event.key === 'ArrowRight') { event.preventDefault(); forward(); }
      else if (event.key === 'u' || event.key === 'U') { event.preventDefault(); undo(); }
    });

    api('GET', base + '/labels').then(function (r) {
      if (r.status === 200) state.history = r.data.labels.map(function (l) { return l.item; }).reverse();
    }).then(loadNext);
  }

  function readFile(input) {
    return new Promise(function (resolve, reject) {
      var file = input.files[0];
      if (!file) { resolve(null); return; }
      var reader = new FileReader();
      reader.onload = function () {
        var bytes = new Uint8Array(reader.result);
        var chunks = [];
        for (var i = 0; i < bytes.length; i += 32768) chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 32768)));
        resolve({filename: file.name, base64: btoa(chunks.join(''))});
      };
      reader.onerror = reject;
      reader.readAsArrayBuffer(file);
    });
  }

  function admin() {
    el('user-form').addEventListener('submit', function (event) {
      event.preventDefault();
      api('POST', '/api/users', {name: el('user-name').value, role: el('user-role').value}).then(function (r) {
        el('user-password').textContent = r.status === 201 ? (r.data.name + ': ' + r.data.password) : problem(r);
      });
    });
    el('project-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var result = el('project-result');
      result.textContent = 'Uploading…';
      Promise.all([readFile(el('project-data')), readFile(el('project-gold'))]).then(function (files) {
        var kind = document.querySelector('input[name="kind"]:checked').value;
        var body = {name: el('project-name').value, data: files[0], text_field: el('project-text-field').value,
                    guidelines: el('project-guidelines').value, pilot: Number(el('project-pilot').value || 0),
                    pilot_annotators: el('project-pilot-annotators').value, overlap: Number(el('project-overlap').value || 0)};
        if (files[1]) body.gold = files[1];
        if (kind === 'labels') { body.labels = el('project-labels').value; body.multi = el('project-multi').checked; }
        if (kind === 'scale') body.scale = el('project-scale').value;
        if (kind === 'review') body.review = true;
        return api('POST', '/api/projects', body);
      }).then(function (r) {
        result.textContent = '';
        if (r.status !== 201) { result.textContent = problem(r); result.className = 'error'; return; }
        result.className = '';
        var p = document.createElement('p');
        p.textContent = 'Created project ' + r.data.name + ': ' + r.data.items + ' items (' + r.data.pilot_items + ' in the pilot, ' +
          r.data.gold_items + ' gold), ' + r.data.rejected + ' records not imported. ';
        var a = document.createElement('a');
        a.href = '/projects/' + r.data.id;
        a.id = 'new-project-link';
        a.textContent = 'Open it';
        p.appendChild(a);
        result.appendChild(p);
      });
    });
  }

  function projectPage() {
    var status = el('phase-status');
    var scale = el('start-scale');
    if (scale) scale.addEventListener('click', function () {
      api('POST', '/api/projects/' + project + '/phase', {phase: 'scale'}).then(function (r) {
        if (r.status === 200) { location.reload(); } else { status.textContent = problem(r); }
      });
    });
    var repilot = el('repilot');
    if (repilot) repilot.addEventListener('click', function () {
      api('POST', '/api/projects/' + project + '/repilot').then(function (r) {
        if (r.status === 200) { location.reload(); } else { status.textContent = problem(r); }
      });
    });
  }

  function guidelinesPage() {
    var form = el('guidelines-form');
    if (!form) return;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      api('POST', '/api/projects/' + project + '/guidelines', {markdown: el('guidelines-markdown').value}).then(function (r) {
        if (r.status === 201) { location.reload(); } else { el('guidelines-status').textContent = problem(r); }
      });
    });
  }
})();
"""#
}
