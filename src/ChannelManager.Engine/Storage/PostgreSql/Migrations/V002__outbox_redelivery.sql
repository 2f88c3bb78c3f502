-- Outbox redelivery: an event published to the bus but never handled (the bus lost it, e.g. Redis restarted
-- without persistence) is published again by the relay, a bounded number of times.
alter table ${schema}.outbox add column redeliveries int not null default 0;

create index ix_outbox_awaiting_handling on ${schema}.outbox (published_at) where published_at is not null and failed_at is null;
