import { escapeHtml } from '@perp/notifications';

// What the bot says, in one place: short, HTML parse mode, no jargon a trader would not use.

export const HOW_TO_LINK =
  'To link a trading account, ask the platform for a link code: <code>telegram.link</code> in ' +
  'the trader API, or <code>npm run -s trade -- telegram-link --account YOUR_ACCOUNT</code> on ' +
  'the local stack. Open the link it gives, or send <code>/link CODE</code> here. A code works ' +
  'once, for 10 minutes.';

export const WELCOME =
  '👋 I send your fills and margin alerts here, and answer /status, /positions, /orders and ' +
  '/fills for the accounts linked to this chat. I never trade.';

export const NOT_LINKED = `No account is linked to this chat yet.\n\n${HOW_TO_LINK}`;

export const PRIVATE_ONLY = (botUsername: string) =>
  `I only talk in private chats, so that account data stays between you and me. Open ` +
  `@${escapeHtml(botUsername)} and send /start there.`;

export const LINK_OUTCOME = {
  linked: (account: string) =>
    `✅ Linked account <code>${escapeHtml(account)}</code>. Fills and margin alerts for it come ` +
    'here; /settings chooses what else.',
  alreadyLinked: (account: string) =>
    `Account <code>${escapeHtml(account)}</code> is already linked to this chat.`,
  malformed: 'That is not a link code: a code is 10 letters and digits.',
  unknown: 'This code is not known here. Check it, or ask for a new one.',
  expired: 'This code has expired (a code lasts 10 minutes). Ask for a new one.',
  used: 'This code was already used. Ask for a new one.',
} as const;

export const HELP = [
  '<b>Commands</b>',
  '/status: equity, available margin, utilisation and trading state',
  '/positions: open positions',
  '/orders: open orders',
  '/fills: the last 10 fills',
  '/settings: which notifications you get, and which silently',
  '/link CODE: link an account; /unlink: unlink (all, or <code>/unlink ACCOUNT</code>)',
  '',
  HOW_TO_LINK,
].join('\n');

/** The command menu (setMyCommands): what a user sees when typing "/". */
export const BOT_COMMANDS = [
  { command: 'status', description: 'Equity, margin and trading state' },
  { command: 'positions', description: 'Open positions' },
  { command: 'orders', description: 'Open orders' },
  { command: 'fills', description: 'The last 10 fills' },
  { command: 'settings', description: 'Choose your notifications' },
  { command: 'link', description: 'Link an account with a code' },
  { command: 'unlink', description: 'Unlink accounts' },
  { command: 'help', description: 'What I can do' },
] as const;
