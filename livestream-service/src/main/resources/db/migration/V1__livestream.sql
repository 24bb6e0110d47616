-- livestream: rooms, sessions, the pinned bag with its live offers, stock left per pinned SKU, live stats

create table room (
    id              uuid primary key,
    host_id         uuid        not null,
    title           text        not null,
    cover_image_url text,
    created_at      timestamptz not null,
    version         bigint      not null default 0
);
create index room_host on room (host_id, created_at desc, id desc);

create table live_session (
    id                     uuid primary key,
    room_id                uuid        not null references room (id),
    host_id                uuid        not null,
    title                  text        not null,
    status                 text        not null check (status in ('SCHEDULED', 'LIVE', 'ENDED')),
    scheduled_start_at     timestamptz,
    started_at             timestamptz,
    ended_at               timestamptz,
    explaining_product_id  uuid,
    created_at             timestamptz not null,
    version                bigint      not null default 0
);
-- One LIVE session per room, whatever races the service's own lock misses.
create unique index live_session_one_live_per_room on live_session (room_id) where status = 'LIVE';
create index live_session_room on live_session (room_id, created_at desc, id desc);
create index live_session_status on live_session (status, started_at desc nulls last, created_at desc, id desc);

-- The bag: products pinned to a session, with the product as catalog described it at pin time and the live offers.
create table pin (
    id          uuid primary key,
    session_id  uuid        not null references live_session (id),
    product_id  uuid        not null,
    shop_id     uuid        not null,
    position    integer     not null check (position >= 1),
    title       text        not null,
    image_url   text,
    note        text,
    skus        jsonb       not null default '[]',
    offers      jsonb       not null default '[]',
    pinned_at   timestamptz not null,
    updated_at  timestamptz not null,
    unique (session_id, product_id)
);
create index pin_product on pin (product_id);

-- Stock left per pinned SKU: seeded from catalog at pin time, kept current by catalog.stock.v1.
create table sku_stock (
    sku_id      uuid primary key,
    product_id  uuid        not null,
    available   integer     not null check (available >= 0),
    updated_at  timestamptz not null
);

-- Live stats: counters changed by single atomic updates (clicks arrive concurrently).
create table session_stats (
    session_id        uuid primary key references live_session (id),
    clicks            bigint  not null default 0,
    orders_placed     bigint  not null default 0,
    orders_paid       bigint  not null default 0,
    units_sold        bigint  not null default 0,
    gmv_cents         bigint  not null default 0,
    commission_cents  bigint  not null default 0,
    peak_viewers      integer not null default 0
);

create table session_product_stats (
    session_id   uuid   not null references live_session (id),
    product_id   uuid   not null,
    clicks       bigint not null default 0,
    orders_paid  bigint not null default 0,
    units_sold   bigint not null default 0,
    gmv_cents    bigint not null default 0,
    primary key (session_id, product_id)
);

create table session_viewer (
    session_id  uuid        not null references live_session (id),
    viewer_id   uuid        not null,
    first_seen  timestamptz not null,
    primary key (session_id, viewer_id)
);

-- What each attributed order contributes to its session's stats, so that distinct events about the same order
-- (placed twice, paid after cancelled, a refund of an unpaid order) count at most once and subtract only what was added.
create table session_order (
    order_id          uuid primary key,
    session_id        uuid        not null references live_session (id),
    status            text        not null,
    placed_counted    boolean     not null,
    paid_counted      boolean     not null,
    items             jsonb       not null,
    total_cents       bigint      not null,
    commission_cents  bigint      not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);
create index session_order_session on session_order (session_id);
