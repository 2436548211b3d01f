import type { ColumnType, Generated } from 'kysely';

// The tables as the service sees them now (the migrations are the history). `bigint` columns
// arrive from `pg` as strings: Telegram ids exceed 2^31 and may exceed 2^53 in future.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type BigintId = ColumnType<string, string | number | bigint, string | number | bigint>;

export type ChatStatus = 'active' | 'blocked' | 'deactivated';
export type OutboxStatus = 'pending' | 'sent' | 'dropped';

export interface TelegramChatsTable {
  chat_id: BigintId;
  user_id: BigintId;
  username: string | null;
  first_name: string | null;
  status: ColumnType<ChatStatus, ChatStatus | undefined, ChatStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountLinksTable {
  chat_id: BigintId;
  account_id: string;
  linked_at: Timestamp;
}

export interface LinkCodesTable {
  code_hash: string;
  account_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  used_by_chat_id: ColumnType<
    string | null,
    string | number | null | undefined,
    string | number | null
  >;
}

export interface NotificationSettingsTable {
  chat_id: BigintId;
  notification_type: string;
  mode: 'on' | 'silent' | 'off';
  updated_at: Timestamp;
}

export interface OutboxTable {
  outbox_id: Generated<string>;
  chat_id: BigintId;
  account_id: string;
  dedupe_key: string;
  notification_type: string;
  html: string;
  silent: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  created_at: Timestamp;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  telegram_message_id: ColumnType<
    string | null,
    string | number | null | undefined,
    string | number | null
  >;
  last_error: string | null;
}

export interface NotifierDatabase {
  telegram_chats: TelegramChatsTable;
  account_links: AccountLinksTable;
  link_codes: LinkCodesTable;
  notification_settings: NotificationSettingsTable;
  outbox: OutboxTable;
}
