import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports the app's table types, and is never edited once it has
// run anywhere. A later change is a later migration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('telegram_chats')
    .addColumn('chat_id', 'bigint', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('first_name', 'text')
    // active; blocked (the user blocked the bot); deactivated (403 for another reason).
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'blocked', 'deactivated')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('account_links')
    .addColumn('chat_id', 'bigint', (c) =>
      c.notNull().references('telegram_chats.chat_id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('account_links_pk', ['chat_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('account_links_by_account')
    .on('account_links')
    .column('account_id')
    .execute();

  // Only the hash of a code is kept: a code is a bearer secret for ten minutes.
  await db.schema
    .createTable('link_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('used_by_chat_id', 'bigint')
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('chat_id', 'bigint', (c) =>
      c.notNull().references('telegram_chats.chat_id').onDelete('cascade'),
    )
    .addColumn('notification_type', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('on', 'silent', 'off')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_settings_pk', ['chat_id', 'notification_type'])
    .execute();

  // One row per (chat, account, dedupe key): a redelivered event or a retried call finds its row.
  await db.schema
    .createTable('outbox')
    .addColumn('outbox_id', 'bigserial', (c) => c.primaryKey())
    .addColumn('chat_id', 'bigint', (c) =>
      c.notNull().references('telegram_chats.chat_id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('notification_type', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('silent', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'dropped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('telegram_message_id', 'bigint')
    .addColumn('last_error', 'text')
    .addUniqueConstraint('outbox_dedupe', ['chat_id', 'account_id', 'dedupe_key'])
    .execute();
  await sql`create index outbox_pending on outbox (chat_id, outbox_id) where status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox',
    'notification_settings',
    'link_codes',
    'account_links',
    'telegram_chats',
  ])
    await db.schema.dropTable(table).execute();
}
