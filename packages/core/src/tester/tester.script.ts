import { defineConsoleAsset } from '../console/assets';

// ES5 and XMLHttpRequest on purpose: the tester must work on an old Android browser. Without
// this script the page still works (a form POST and a reload); with it, sending and
// switching phones happen in place and each thread refreshes itself by polling the JSON
// endpoint: fast (1.5 s) while a reply is pending or just after a send, slowly otherwise.
const TESTER_JS = `(function () {
  var root = document.getElementById('tester');
  if (!root || !window.XMLHttpRequest || !window.JSON || !document.addEventListener) return;
  var PENDING = { received: 1, queued: 1, sending: 1, retrying: 1 };
  var base = '/backends/' + encodeURIComponent(root.getAttribute('data-gateway')) + '/messages';
  var csrf = root.getAttribute('data-csrf');
  var phone = root.getAttribute('data-phone');
  var tz = root.getAttribute('data-tz');
  var threads = {};
  var timer = null, lastSend = 0, generation = 0;
  var el = function (id) { return document.getElementById(id); };

  function request(method, url, body, done) {
    var x = new XMLHttpRequest();
    x.open(method, url, true);
    x.setRequestHeader('Accept', 'application/json');
    if (body) { x.setRequestHeader('Content-Type', 'application/json'); x.setRequestHeader('X-CSRF-Token', csrf); }
    x.onreadystatechange = function () {
      if (x.readyState !== 4) return;
      var data = null;
      try { data = JSON.parse(x.responseText); } catch (e) { data = null; }
      if (x.status === 401) { window.location.href = '/console/login?next=' + encodeURIComponent('/console/tester?phone=' + phone); return; }
      done(x.status, data);
    };
    x.send(body ? JSON.stringify(body) : null);
  }
  function thread(p) { return threads[p] || (threads[p] = { byId: {}, ids: [] }); }
  function merge(p, messages) {
    var t = thread(p);
    for (var i = 0; i < messages.length; i++) {
      var m = messages[i];
      if (!t.byId[m.id]) t.ids.push(m.id);
      t.byId[m.id] = m;
    }
    t.ids.sort(function (a, b) { return Number(a) - Number(b); });
  }
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  /** In the country's time zone, as the server writes it; the browser's own where Intl cannot. */
  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    try {
      var t = d.toLocaleString('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
      if (/^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$/.test(t)) return t;
    } catch (e) { /* an old browser without time zones */ }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }
  function node(tag, className, text) {
    var n = document.createElement(tag);
    if (className) n.className = className;
    if (text !== undefined) n.appendChild(document.createTextNode(text));
    return n;
  }
  function render() {
    var list = el('thread'), t = thread(phone);
    while (list.firstChild) list.removeChild(list.firstChild);
    for (var i = 0; i < t.ids.length; i++) {
      var m = t.byId[t.ids[i]];
      var li = node('li', m.direction);
      li.setAttribute('data-id', m.id);
      li.appendChild(node('span', 'bubble', m.text));
      var meta = node('span', 'meta', when(m.createdAt) + ' ');
      meta.appendChild(node('span', 'status status-' + m.status, m.status));
      if (m.app) meta.appendChild(document.createTextNode(' ' + m.app));
      li.appendChild(meta);
      list.appendChild(li);
    }
    el('tester-empty').className = t.ids.length ? 'muted hide' : 'muted';
    list.scrollTop = list.scrollHeight;
  }
  /** Fetch from the first message still pending (to see its new status), else after the last. */
  function after(t) {
    for (var i = 0; i < t.ids.length; i++) if (PENDING[t.byId[t.ids[i]].status]) return String(Number(t.ids[i]) - 1);
    return t.ids.length ? t.ids[t.ids.length - 1] : '';
  }
  function busy(t) { return new Date().getTime() - lastSend < 15000 || after(t) !== (t.ids.length ? t.ids[t.ids.length - 1] : ''); }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(poll, busy(thread(phone)) ? 1500 : 10000);
  }
  function poll() {
    var p = phone, mine = generation, since = after(thread(p));
    request('GET', base + '?phone=' + encodeURIComponent(p) + (since ? '&after=' + since : ''), null, function (status, data) {
      if (mine !== generation) return;
      if (status === 200 && data && data.messages) {
        if (data.phone && data.phone !== p) p = adopt(p, data.phone);
        merge(p, data.messages);
        render();
      }
      schedule();
    });
  }
  /** The server wrote the number its own way (0977... is +260977...): use that from now on. */
  function adopt(typed, p) {
    if (!threads[p]) threads[p] = thread(typed);
    delete threads[typed];
    var links = el('phones').getElementsByTagName('a');
    for (var i = links.length - 1; i >= 0; i--) {
      if (links[i].getAttribute('data-phone') === typed) el('phones').removeChild(links[i]);
    }
    show(p, true);
    return p;
  }
  function show(p, first) {
    phone = p;
    generation++;
    el('tester-title').firstChild.nodeValue = p;
    el('tester-as').value = p;
    var links = el('phones').getElementsByTagName('a'), found = false;
    for (var i = 0; i < links.length; i++) {
      var here = links[i].getAttribute('data-phone') === p;
      links[i].className = here ? 'here' : '';
      found = found || here;
    }
    if (!found) {
      var a = node('a', 'here', p);
      a.setAttribute('href', '?phone=' + encodeURIComponent(p));
      a.setAttribute('data-phone', p);
      el('phones').insertBefore(a, el('phones').firstChild);
    }
    if (window.history && window.history.replaceState) window.history.replaceState(null, '', '?phone=' + encodeURIComponent(p));
    if (!first) { render(); poll(); }
  }
  el('phones').addEventListener('click', function (e) {
    var a = e.target;
    if (a && a.getAttribute && a.getAttribute('data-phone')) { e.preventDefault(); show(a.getAttribute('data-phone')); }
  }, false);
  el('tester-switch').addEventListener('submit', function (e) {
    e.preventDefault();
    var p = el('tester-phone').value.replace(/^\\s+|\\s+$/g, '');
    if (p) { el('tester-phone').value = ''; show(p); }
  }, false);
  el('tester-send').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = el('tester-text'), text = input.value, p = phone;
    if (!text.replace(/\\s+/g, '')) return;
    input.value = '';
    el('tester-error').className = 'error hide';
    lastSend = new Date().getTime();
    request('POST', base, { phone: p, text: text }, function (status, data) {
      if (status === 201 && data) {
        var key = data.phone || p;
        if (key !== p && p === phone) adopt(p, key);
        merge(key, [data.message].concat(data.replies));
        if (key === phone) render();
      } else {
        input.value = text;
        el('tester-error').firstChild.nodeValue = (data && data.message) || 'Could not send (' + status + ').';
        el('tester-error').className = 'error';
      }
      schedule();
    });
  }, false);
  show(phone, true);
  poll(); // the first thread came with the page: it stays until this answers
})();
`;

export const testerScript = defineConsoleAsset('tester.js', TESTER_JS);
