-- Per-field versions on ledger nights (a stale or reordered update changes nothing) and min stay through.
alter table ${schema}.ledger_nights
    add column min_stay_through            integer,
    add column rate_version                bigint not null default 0,
    add column total_units_version         bigint not null default 0,
    add column stop_sell_version           bigint not null default 0,
    add column min_stay_version            bigint not null default 0,
    add column min_stay_through_version    bigint not null default 0,
    add column max_stay_version            bigint not null default 0,
    add column closed_to_arrival_version   bigint not null default 0,
    add column closed_to_departure_version bigint not null default 0;
