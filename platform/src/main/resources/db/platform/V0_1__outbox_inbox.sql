-- platform/: the transactional outbox and the consumer inbox. Every service includes this location in
-- quarkus.flyway.locations; its own migrations start at V1.

create table outbox_event (
    id           bigserial primary key,           -- publication order
    event_id     uuid        not null unique,
    topic        text        not null,
    record_key   text        not null,            -- the aggregate id: one aggregate, one partition, in order
    type         text        not null,
    payload      text        not null,            -- the CloudEvent, exactly as it is published
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);

create index outbox_event_pending on outbox_event (id) where sent_at is null;

-- Wake the relay when a transaction that added events commits (NOTIFY is delivered at commit, once per
-- transaction and channel), so publication does not wait for a poll.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('liveloop_outbox', '');
    return null;
end;
$$;

create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

create table inbox_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
