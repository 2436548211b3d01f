// The subset of Telegram Bot API objects (https://core.telegram.org/bots/api#available-types) the
// stand-in produces. Field names are Telegram's (snake_case) so they go over the wire unchanged.

export interface User {
  readonly id: number;
  readonly is_bot: boolean;
  readonly first_name: string;
  readonly last_name?: string;
  readonly username?: string;
  readonly language_code?: string;
}

/** What `getMe` answers: the bot's User plus its capabilities. */
export interface BotUser extends User {
  readonly can_join_groups: boolean;
  readonly can_read_all_group_messages: boolean;
  readonly supports_inline_queries: boolean;
}

export const CHAT_TYPES = ['private', 'group', 'supergroup', 'channel'] as const;
export type ChatType = (typeof CHAT_TYPES)[number];

export interface Chat {
  readonly id: number;
  readonly type: ChatType;
  readonly title?: string;
  readonly username?: string;
  readonly first_name?: string;
  readonly last_name?: string;
}

export type MessageEntityType =
  | 'bot_command'
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'code'
  | 'pre'
  | 'text_link'
  | 'blockquote'
  | 'expandable_blockquote';

/** Offsets and lengths count UTF-16 code units, as JavaScript string indices do. */
export interface MessageEntity {
  readonly type: MessageEntityType;
  readonly offset: number;
  readonly length: number;
  readonly url?: string;
  readonly language?: string;
}

export interface InlineKeyboardButton {
  readonly text: string;
  readonly callback_data?: string;
  readonly url?: string;
}

export interface InlineKeyboardMarkup {
  readonly inline_keyboard: readonly (readonly InlineKeyboardButton[])[];
}

export interface LinkPreviewOptions {
  readonly is_disabled?: boolean;
  readonly url?: string;
}

export interface Message {
  readonly message_id: number;
  readonly from?: User;
  readonly chat: Chat;
  /** Unix time, seconds. */
  readonly date: number;
  readonly edit_date?: number;
  readonly text?: string;
  readonly entities?: readonly MessageEntity[];
  readonly reply_markup?: InlineKeyboardMarkup;
  readonly link_preview_options?: LinkPreviewOptions;
}

export interface CallbackQuery {
  readonly id: string;
  readonly from: User;
  readonly message?: Message;
  readonly chat_instance: string;
  readonly data?: string;
}

export type ChatMemberStatus =
  'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface ChatMember {
  readonly status: ChatMemberStatus;
  readonly user: User;
  /** For `kicked`: 0 means forever, which is what blocking a bot is. */
  readonly until_date?: number;
}

export interface ChatMemberUpdated {
  readonly chat: Chat;
  readonly from: User;
  readonly date: number;
  readonly old_chat_member: ChatMember;
  readonly new_chat_member: ChatMember;
}

export interface Update {
  readonly update_id: number;
  readonly message?: Message;
  readonly edited_message?: Message;
  readonly callback_query?: CallbackQuery;
  readonly my_chat_member?: ChatMemberUpdated;
}

/** Update kinds the stand-in can produce (the keys of Update besides update_id). */
export type UpdateType = Exclude<keyof Update, 'update_id'>;

export interface BotCommand {
  readonly command: string;
  readonly description: string;
}

export type ParseMode = 'HTML' | 'MarkdownV2' | 'Markdown';

export type BotCommandScope =
  | {
      readonly type:
        'default' | 'all_private_chats' | 'all_group_chats' | 'all_chat_administrators';
    }
  | { readonly type: 'chat' | 'chat_administrators'; readonly chat_id: number | string }
  | { readonly type: 'chat_member'; readonly chat_id: number | string; readonly user_id: number };
