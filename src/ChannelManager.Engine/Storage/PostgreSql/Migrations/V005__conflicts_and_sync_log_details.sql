-- Overbooking conflicts: a booking imported onto nights with no unit left, kept until someone resolves it.
create table ${schema}.conflicts (
    id                   uuid        not null,
    tenant_id            text        not null,
    property_id          uuid        not null,
    booking_id           text        not null,
    stay_start           date        not null,
    stay_end             date        not null,
    units                integer     not null,
    source               text,
    source_connection_id uuid,
    confirmation_code    text,
    detected_at          timestamptz not null,
    resolved_at          timestamptz,
    resolution           text,
    constraint pk_conflicts primary key (tenant_id, id),
    constraint ck_conflicts_stay check (stay_end > stay_start)
);

-- A tenant's conflicts newest first, paged by the (detected_at, id) keyset; open ones are what operators look at.
create index ix_conflicts_keyset on ${schema}.conflicts (tenant_id, detected_at desc, id desc);
create index ix_conflicts_open on ${schema}.conflicts (tenant_id, property_id, detected_at desc) where resolved_at is null;

-- What an operation found beyond its outcome (a reconciliation's differing nights).
alter table ${schema}.sync_logs add column details text;
