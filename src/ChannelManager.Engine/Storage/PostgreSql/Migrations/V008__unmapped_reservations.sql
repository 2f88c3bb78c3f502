-- Unmapped reservations: bookings for a listing no connection maps, kept (not dropped) until the listing is connected
-- or an operator dismisses them. One row per platform + listing + confirmation code (or webhook delivery): the id is
-- derived from those, so every sighting finds the same row.
create table ${schema}.unmapped_reservations (
    id                        uuid        not null,
    platform                  text        not null,
    listing_id                text        not null,
    parent_listing_id         text,
    confirmation_code         text,
    dedupe_key                text        not null,
    -- The normalized PlatformReservation (snake_case JSON, see PostgresJson); holds guest data, never logged or returned.
    reservation               jsonb,
    source                    text        not null,
    fetched_via_connection_id uuid,
    -- null: not attributable to a tenant (only the host's operators see it).
    tenant_id                 text,
    state                     text        not null,
    first_seen_at             timestamptz not null,
    last_seen_at              timestamptz not null,
    times_seen                integer     not null,
    closed_at                 timestamptz,
    imported_connection_id    uuid,
    constraint pk_unmapped_reservations primary key (id),
    constraint ck_unmapped_reservations_state check (state in ('open', 'imported', 'dismissed')),
    constraint ck_unmapped_reservations_source check (source in ('webhook', 'pull'))
);

-- Operators' and tenants' lists, newest first, paged by the (first_seen_at, id) keyset.
create index ix_unmapped_reservations_keyset on ${schema}.unmapped_reservations (first_seen_at desc, id desc);
create index ix_unmapped_reservations_tenant_keyset
    on ${schema}.unmapped_reservations (tenant_id, first_seen_at desc, id desc) where tenant_id is not null;
-- The open records of a listing, looked up when a connection for it is created.
create index ix_unmapped_reservations_open_listing
    on ${schema}.unmapped_reservations (platform, listing_id) where state = 'open';

-- Webhook inbox entries parked for an unmapped reservation (requeued when its listing is connected).
alter table ${schema}.webhook_inbox add column parked_for uuid;
create index ix_webhook_inbox_parked on ${schema}.webhook_inbox (parked_for) where parked_for is not null and processed_at is null;
