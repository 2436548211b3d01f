// The web chat's one page: HTML, CSS and script inline, no build step, nothing loaded from
// elsewhere. Bot text is rendered from the message's plain text and entities with DOM nodes
// (createElement / text nodes, never innerHTML), so only Telegram's formatting can appear and
// anything else the bot sent shows as text.

const STYLE = String.raw`
:root { --bg: #eef1f5; --panel: #fff; --ink: #1d2733; --muted: #66768a; --accent: #2a7ab8;
  --mine: #dcf3d1; --theirs: #fff; --line: #d5dde6; --danger: #b3261e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: var(--bg); color: var(--ink); }
.app { max-width: 760px; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column;
  background: var(--panel); box-shadow: 0 0 0 1px var(--line); }
.bar { display: flex; justify-content: space-between; align-items: center; gap: 12px;
  padding: 10px 16px; border-bottom: 1px solid var(--line); }
.bar h1 { font-size: 17px; margin: 0; }
.muted { color: var(--muted); margin: 0; font-size: 13px; }
.who { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; font-size: 13px; }
button { font: inherit; border: 1px solid var(--line); background: #f6f8fa; color: var(--ink);
  border-radius: 6px; padding: 6px 12px; cursor: pointer; }
button:hover { background: #edf1f5; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 2px solid var(--accent);
  outline-offset: 1px; }
button.link { border: 0; background: none; color: var(--accent); padding: 2px 4px; }
#block-toggle[aria-pressed="true"] { color: var(--danger); border-color: var(--danger); }
.sign-in { padding: 40px 16px; display: grid; gap: 12px; justify-items: start; }
.sign-in form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
input { font: inherit; padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; }
.chat { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.banner { margin: 0; padding: 8px 16px; background: #fdecea; color: var(--danger); font-size: 14px; }
.log { list-style: none; margin: 0; padding: 16px; flex: 1; overflow-y: auto; display: flex;
  flex-direction: column; gap: 8px; min-height: 50vh; }
.log:empty::before { content: "No messages yet. Try /start."; color: var(--muted); }
.msg { max-width: 80%; padding: 7px 11px; border-radius: 10px; border: 1px solid var(--line); }
.msg.user { align-self: flex-end; background: var(--mine); }
.msg.bot { align-self: flex-start; background: var(--theirs); }
.msg .body { white-space: pre-wrap; overflow-wrap: anywhere; }
.msg .meta { font-size: 11px; color: var(--muted); text-align: right; margin-top: 2px; }
.msg pre { background: #f3f5f7; padding: 6px 8px; border-radius: 4px; overflow-x: auto; margin: 4px 0; }
.msg code { background: #f3f5f7; padding: 0 3px; border-radius: 3px; font-size: 13px; }
.msg pre code { background: none; padding: 0; }
.msg blockquote { margin: 4px 0; padding: 2px 8px; border-left: 3px solid var(--accent); }
.msg blockquote.expandable:not(.open) { max-height: 4.4em; overflow: hidden; cursor: pointer; }
.spoiler { background: #888; color: transparent; border-radius: 3px; cursor: pointer; }
.spoiler.revealed { background: #e4e7eb; color: inherit; }
.keyboard { display: grid; gap: 4px; margin-top: 6px; }
.keyboard .row { display: flex; gap: 4px; }
.keyboard .row > * { flex: 1; text-align: center; }
.keyboard a { display: block; padding: 6px 12px; border: 1px solid var(--line); border-radius: 6px;
  color: var(--accent); text-decoration: none; }
.commands { display: flex; gap: 6px; flex-wrap: wrap; padding: 6px 16px 0; }
.commands:empty { display: none; }
.commands button { border-radius: 14px; padding: 3px 10px; font-size: 13px; }
.commands button span { color: var(--muted); margin-left: 4px; }
.composer { display: flex; gap: 8px; padding: 10px 16px 14px; border-top: 1px solid var(--line);
  margin-top: 6px; }
.composer input { flex: 1; }
.toast { position: fixed; left: 50%; bottom: 80px; transform: translateX(-50%); background: #1d2733;
  color: #fff; padding: 8px 14px; border-radius: 8px; max-width: 90%; }
.toast.alert { background: var(--danger); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
`;

const SCRIPT = String.raw`
(() => {
  'use strict';
  const STORAGE_KEY = 'perp.webChat.user';
  const byId = (id) => document.getElementById(id);
  const ui = {
    botName: byId('bot-name'), botUsername: byId('bot-username'), who: byId('who'),
    whoLabel: byId('who-label'), switchUser: byId('switch-user'), block: byId('block-toggle'),
    signIn: byId('sign-in'), signInForm: byId('sign-in-form'), nameInput: byId('name-input'),
    chat: byId('chat'), banner: byId('blocked-banner'), log: byId('log'),
    commands: byId('commands'), composer: byId('composer'), input: byId('message-input'),
    toast: byId('toast'),
  };
  let user = loadUser();
  let source = null;
  let state = null;
  let answersSeen = null;
  let toastTimer = 0;

  function loadUser() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
      if (saved && Number.isSafeInteger(saved.userId) && saved.userId > 0 &&
          typeof saved.firstName === 'string') return saved;
    } catch (error) { /* a corrupt entry means: ask again */ }
    return null;
  }

  // Same name, same chat id: a person can come back (or use another browser) to the same chat.
  function chatIdFor(name) {
    let hash = 0x811c9dc5;
    for (const ch of name.trim().toLowerCase()) {
      hash ^= ch.codePointAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return 100000000 + (hash % 900000000);
  }

  function signIn(name) {
    user = { userId: chatIdFor(name), firstName: name.trim() };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user));
    start();
  }

  function start() {
    if (source) source.close();
    state = null;
    answersSeen = null;
    ui.log.replaceChildren();
    if (!user) {
      ui.signIn.hidden = false; ui.chat.hidden = true; ui.who.hidden = true;
      ui.nameInput.focus();
      return;
    }
    ui.signIn.hidden = true; ui.chat.hidden = false; ui.who.hidden = false;
    ui.whoLabel.textContent = 'You: ' + user.firstName + ' (chat id ' + user.userId + ')';
    source = new EventSource('/api/events?userId=' + encodeURIComponent(user.userId));
    source.addEventListener('state', (event) => render(JSON.parse(event.data)));
    ui.input.focus();
  }

  async function post(path, body) {
    try {
      const response = await fetch(path, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Object.assign({ userId: user.userId }, body)),
      });
      if (!response.ok) showToast((await response.json()).error || response.statusText, true);
    } catch (error) {
      showToast('The web chat server did not answer: ' + error.message, true);
    }
  }

  function render(next) {
    state = next;
    ui.botName.textContent = next.bot.firstName;
    ui.botUsername.textContent = '@' + next.bot.username;
    document.title = next.bot.firstName + ' · web chat';
    ui.banner.hidden = !next.blocked;
    ui.block.textContent = next.blocked ? 'Unblock bot' : 'Block bot';
    ui.block.setAttribute('aria-pressed', String(next.blocked));

    const atBottom = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 40;
    ui.log.replaceChildren(...next.entries.map(renderEntry));
    if (atBottom) ui.log.scrollTop = ui.log.scrollHeight;

    ui.commands.replaceChildren(...next.commands.map((command) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.command = command.command;
      button.title = command.description;
      button.append('/' + command.command);
      const description = document.createElement('span');
      description.textContent = command.description;
      button.append(description);
      button.addEventListener('click', () => {
        ui.input.value = '/' + command.command + ' ';
        ui.input.focus();
      });
      return button;
    }));

    // Toasts only for answers that arrive while the page is open, not for old ones.
    const fresh = next.answers.filter((a) => answersSeen && !answersSeen.has(a.callbackQueryId));
    answersSeen = new Set(next.answers.map((a) => a.callbackQueryId));
    for (const answer of fresh) if (answer.text) showToast(answer.text, answer.showAlert);
  }

  function renderEntry(entry) {
    const item = document.createElement('li');
    item.className = 'msg ' + entry.from;
    item.dataset.messageId = String(entry.messageId);
    item.dataset.from = entry.from;
    const body = document.createElement('div');
    body.className = 'body';
    body.append(renderText(entry.text, entry.entities));
    item.append(body);
    if (entry.replyMarkup && entry.replyMarkup.inline_keyboard) {
      item.append(renderKeyboard(entry));
    }
    const meta = document.createElement('div');
    meta.className = 'meta';
    const time = new Date(entry.date * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    meta.textContent = (entry.edited ? 'edited · ' : '') + time;
    item.append(meta);
    return item;
  }

  function renderKeyboard(entry) {
    const keyboard = document.createElement('div');
    keyboard.className = 'keyboard';
    keyboard.setAttribute('role', 'group');
    keyboard.setAttribute('aria-label', 'Inline keyboard');
    for (const row of entry.replyMarkup.inline_keyboard) {
      const line = document.createElement('div');
      line.className = 'row';
      for (const button of row) {
        if (typeof button.url === 'string' && /^https?:\/\//i.test(button.url)) {
          const link = document.createElement('a');
          link.href = button.url;
          link.target = '_blank';
          link.rel = 'noopener noreferrer';
          link.textContent = button.text;
          line.append(link);
        } else {
          const press = document.createElement('button');
          press.type = 'button';
          press.textContent = button.text;
          if (typeof button.callback_data === 'string') {
            press.dataset.callbackData = button.callback_data;
            press.addEventListener('click', () =>
              post('/api/press', { messageId: entry.messageId, data: button.callback_data }));
          } else {
            press.disabled = true;
          }
          line.append(press);
        }
      }
      keyboard.append(line);
    }
    return keyboard;
  }

  // Telegram's entities nest (the stand-in's HTML parser guarantees it): an entity's children are
  // the entities that follow it and start inside it. Text always goes in as text nodes.
  function renderText(text, entities) {
    const sorted = entities
      .slice()
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    const fragment = document.createDocumentFragment();
    build(fragment, text, 0, text.length, sorted);
    return fragment;
  }

  function build(parent, text, start, end, entities) {
    let position = start;
    let index = 0;
    while (index < entities.length) {
      const entity = entities[index];
      const entityEnd = Math.min(end, entity.offset + entity.length);
      let next = index + 1;
      while (next < entities.length && entities[next].offset < entityEnd) next += 1;
      if (entity.offset >= position && entity.offset < end) {
        if (entity.offset > position) parent.append(text.slice(position, entity.offset));
        const element = elementFor(entity);
        build(element, text, entity.offset, entityEnd, entities.slice(index + 1, next));
        parent.append(element);
        position = entityEnd;
      }
      index = next;
    }
    if (position < end) parent.append(text.slice(position, end));
  }

  const TAGS = { bold: 'b', italic: 'i', underline: 'u', strikethrough: 's', code: 'code', pre: 'pre' };

  function elementFor(entity) {
    if (TAGS[entity.type]) {
      const element = document.createElement(TAGS[entity.type]);
      if (entity.type === 'pre' && entity.language) element.dataset.language = entity.language;
      return element;
    }
    if (entity.type === 'text_link' && /^(https?:|tg:|mailto:)/i.test(entity.url || '')) {
      const link = document.createElement('a');
      link.href = entity.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      return link;
    }
    if (entity.type === 'blockquote' || entity.type === 'expandable_blockquote') {
      const quote = document.createElement('blockquote');
      if (entity.type === 'expandable_blockquote') {
        quote.className = 'expandable';
        quote.addEventListener('click', () => quote.classList.toggle('open'));
      }
      return quote;
    }
    const span = document.createElement('span');
    if (entity.type === 'spoiler') {
      span.className = 'spoiler';
      span.title = 'Spoiler: click to reveal';
      span.addEventListener('click', () => span.classList.toggle('revealed'));
    } else {
      span.className = entity.type;
    }
    return span;
  }

  function showToast(text, alert) {
    ui.toast.textContent = text;
    ui.toast.classList.toggle('alert', Boolean(alert));
    ui.toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { ui.toast.hidden = true; }, alert ? 6000 : 3000);
  }

  ui.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = ui.nameInput.value.trim();
    if (name) signIn(name);
  });
  ui.switchUser.addEventListener('click', () => {
    localStorage.removeItem(STORAGE_KEY);
    user = null;
    ui.nameInput.value = '';
    start();
  });
  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.input.value;
    if (!text.trim()) return;
    ui.input.value = '';
    post('/api/say', { text, firstName: user.firstName });
  });
  ui.block.addEventListener('click', () => {
    post('/api/block', { blocked: !(state && state.blocked) });
  });
  start();
})();
`;

/** The page; `nonce` must match the response's Content-Security-Policy. */
export function webChatPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Web chat · Telegram stand-in</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main class="app">
  <header class="bar">
    <div>
      <h1 id="bot-name">Bot</h1>
      <p id="bot-username" class="muted">Telegram stand-in</p>
    </div>
    <div id="who" class="who" hidden>
      <span id="who-label"></span>
      <button type="button" id="switch-user" class="link">Switch user</button>
      <button type="button" id="block-toggle" aria-pressed="false">Block bot</button>
    </div>
  </header>
  <section id="sign-in" class="sign-in" hidden aria-labelledby="sign-in-title">
    <h2 id="sign-in-title" class="visually-hidden">Choose who you are</h2>
    <form id="sign-in-form">
      <label for="name-input">Your name</label>
      <input id="name-input" name="name" autocomplete="nickname" required maxlength="64">
      <button type="submit">Start chatting</button>
    </form>
    <p class="muted">The chat id is derived from the name, so the same name gets the same chat.</p>
  </section>
  <section id="chat" class="chat" hidden aria-label="Chat with the bot">
    <p id="blocked-banner" class="banner" hidden>You blocked the bot: it cannot write to you until you unblock it or send it a message.</p>
    <ol id="log" class="log" role="log" aria-live="polite" aria-label="Conversation"></ol>
    <div id="commands" class="commands" role="group" aria-label="Bot commands"></div>
    <form id="composer" class="composer">
      <label for="message-input" class="visually-hidden">Message</label>
      <input id="message-input" name="text" autocomplete="off" placeholder="Write a message or a /command" required>
      <button type="submit">Send</button>
    </form>
  </section>
  <div id="toast" class="toast" role="status" aria-live="polite" hidden></div>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}
