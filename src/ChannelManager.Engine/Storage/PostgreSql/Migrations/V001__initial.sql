-- V001: the initial schema of ChannelManager's PostgreSQL store.
-- ${schema} is replaced by the configured schema (a validated, quoted identifier). Applied migrations must never
-- be edited (their checksum is checked at start-up): change the schema with a new V00N__name.sql file.
-- Every table carries the tenant; ids are uuids; timestamps are timestamptz.

-- Channel connections ----------------------------------------------------------------------------------------------
create table ${schema}.channel_connections (
    id                  uuid        not null,
    tenant_id           text        not null,
    property_id         uuid        not null,
    platform            text        not null,
    platform_listing_id text        not null,
    status              text        not null,
    -- The credentials as given (access/refresh token, expiry). Written and read only by PostgresCredentialsCodec,
    -- the one place where encryption at rest will be added.
    credentials         jsonb       not null,
    platform_metadata   jsonb       not null default '{}'::jsonb,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    deleted_at          timestamptz,
    last_sync_at        timestamptz,
    last_error          text,
    version             bigint      not null,
    constraint pk_channel_connections primary key (id),
    constraint ck_channel_connections_status check (status in ('active', 'paused', 'error'))
);

-- One live connection per platform listing (across tenants).
create unique index ux_channel_connections_live_listing
    on ${schema}.channel_connections (platform, platform_listing_id) where deleted_at is null;
-- Listing a tenant's connections by the (created_at, id) keyset.
create index ix_channel_connections_tenant_keyset
    on ${schema}.channel_connections (tenant_id, created_at, id) where deleted_at is null;
-- The syncable connections of a property (fan-out).
create index ix_channel_connections_property
    on ${schema}.channel_connections (tenant_id, property_id, created_at, id) where deleted_at is null;

-- Sync logs ----------------------------------------------------------------------------------------------------------
create table ${schema}.sync_logs (
    id             uuid             not null,
    tenant_id      text             not null,
    connection_id  uuid             not null,
    operation      text             not null,
    trigger        text,
    range_start    date,
    range_end      date,
    attempt        integer          not null,
    outcome        text             not null,
    duration_ms    double precision not null,
    platform_calls integer          not null,
    error          text,
    started_at     timestamptz      not null,
    constraint ck_sync_logs_outcome check (outcome in ('succeeded', 'failed', 'skipped')),
    constraint ck_sync_logs_range check ((range_start is null) = (range_end is null))
);

-- A connection's log, newest first, paged by the (started_at, id) keyset. Unique: it identifies a row (an append
-- retried after a lost answer stores nothing twice), so the append-heavy table carries no second b-tree.
create unique index ix_sync_logs_keyset on ${schema}.sync_logs (tenant_id, connection_id, started_at desc, id desc);
-- Retention pruning by age: rows arrive in time order, so a BRIN index is enough and nearly free to maintain.
create index ix_sync_logs_started_at on ${schema}.sync_logs using brin (started_at);

-- Webhook inbox ------------------------------------------------------------------------------------------------------
create table ${schema}.webhook_inbox (
    id              uuid        not null,
    -- Webhooks arrive before their tenant is known (it follows from the listing when the entry is processed):
    -- '' until the contract carries a tenant.
    tenant_id       text        not null default '',
    platform        text        not null,
    dedupe_key      text        not null,
    -- The normalized WebhookNotification (snake_case JSON, see PostgresJson).
    notification    jsonb       not null,
    received_at     timestamptz not null,
    attempts        integer     not null default 0,
    processed_at    timestamptz,
    next_attempt_at timestamptz not null,
    last_error      text,
    constraint pk_webhook_inbox primary key (id),
    constraint ux_webhook_inbox_dedupe unique (platform, dedupe_key)
);

-- Pending entries, oldest first (due check and backlog per platform read only this index).
create index ix_webhook_inbox_pending
    on ${schema}.webhook_inbox (received_at, id) include (next_attempt_at, platform) where processed_at is null;
-- Retention pruning of processed entries.
create index ix_webhook_inbox_processed on ${schema}.webhook_inbox (processed_at) where processed_at is not null;

-- Processed events (idempotency of event handling) ------------------------------------------------------------------
create table ${schema}.processed_events (
    event_id     uuid        not null,
    -- The contract names only the event id: '' until it carries the tenant.
    tenant_id    text        not null default '',
    processed_at timestamptz not null,
    constraint pk_processed_events primary key (event_id)
);

create index ix_processed_events_processed_at on ${schema}.processed_events (processed_at);

-- Inventory ledger ---------------------------------------------------------------------------------------------------
create table ${schema}.ledger_bookings (
    tenant_id            text        not null,
    booking_id           text        not null,
    property_id          uuid        not null,
    stay_start           date        not null,
    stay_end             date        not null,
    units                integer     not null,
    status               text        not null,
    source               text        not null,
    source_connection_id uuid,
    confirmation_code    text,
    platform             text,
    version              bigint      not null,
    updated_at           timestamptz not null,
    overbooked           boolean     not null default false,
    constraint pk_ledger_bookings primary key (tenant_id, booking_id),
    constraint ck_ledger_bookings_stay check (stay_end > stay_start),
    constraint ck_ledger_bookings_status check (status in ('confirmed', 'cancelled'))
);

create index ix_ledger_bookings_property on ${schema}.ledger_bookings (tenant_id, property_id, stay_start);

create table ${schema}.ledger_nights (
    tenant_id           text          not null,
    property_id         uuid          not null,
    night               date          not null,
    -- null: never set (one unit, as for a holiday home).
    total_units         integer,
    booked              integer       not null default 0,
    stop_sell           boolean       not null default false,
    rate                numeric(18, 4),
    currency            text,
    min_stay            integer,
    max_stay            integer,
    closed_to_arrival   boolean       not null default false,
    closed_to_departure boolean       not null default false,
    constraint pk_ledger_nights primary key (tenant_id, property_id, night)
);

-- Dirty marks (nights still to be pushed per connection) -------------------------------------------------------------
create table ${schema}.dirty_marks (
    sequence      bigint generated always as identity,
    tenant_id     text        not null,
    connection_id uuid        not null,
    range_start   date        not null,
    range_end     date        not null,
    scope         integer     not null,
    trigger       text        not null,
    created_at    timestamptz not null default now(),
    constraint pk_dirty_marks primary key (sequence),
    constraint ck_dirty_marks_range check (range_end > range_start)
);

create index ix_dirty_marks_connection on ${schema}.dirty_marks (tenant_id, connection_id, sequence);

-- Transactional outbox -----------------------------------------------------------------------------------------------
create table ${schema}.outbox (
    -- The event id: enqueueing the same event twice stores it once.
    id           uuid        not null,
    -- Creation order: the relay publishes in this order.
    position     bigint generated always as identity,
    tenant_id    text        not null,
    event_type   text        not null,
    -- The envelope as EventEnvelopeSerializer writes it.
    payload      jsonb       not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    -- Set when the payload cannot be read back (kept for inspection, never published).
    failed_at    timestamptz,
    last_error   text,
    constraint pk_outbox primary key (id),
    constraint ux_outbox_position unique (position)
);

create index ix_outbox_unpublished on ${schema}.outbox (position) where published_at is null and failed_at is null;
create index ix_outbox_published on ${schema}.outbox (published_at) where published_at is not null;
