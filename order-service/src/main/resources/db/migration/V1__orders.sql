-- orders: orders and their lines, payments and refunds, idempotency keys, the live-offer read model

create table orders (
    id               uuid primary key,            -- also catalog's reservation id
    buyer_id         uuid        not null,
    shop_id          uuid        not null,
    status           text        not null check (status in
                         ('PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED', 'REFUNDED')),
    total_cents      bigint      not null check (total_cents >= 0),
    currency         text        not null,
    live_session_id  uuid,
    host_id          uuid,
    commission_cents bigint      not null default 0 check (commission_cents >= 0),
    shipping_address jsonb       not null,
    buyer_note       text,
    ship_within_hours integer    not null,
    pay_by           timestamptz not null,
    created_at       timestamptz not null,
    paid_at          timestamptz,
    shipped_at       timestamptz,
    delivered_at     timestamptz,
    completed_at     timestamptz,
    cancelled_at     timestamptz,
    cancel_reason    text,
    refunded_at      timestamptz,
    version          bigint      not null default 0
);
create index orders_buyer on orders (buyer_id, created_at desc, id desc);
create index orders_shop on orders (shop_id, created_at desc, id desc);
create index orders_awaiting_payment on orders (pay_by) where status = 'PENDING_PAYMENT';
create index orders_delivered on orders (delivered_at) where status = 'DELIVERED';
create index orders_buyer_session on orders (buyer_id, live_session_id) where live_session_id is not null;

create table order_line (
    order_id          uuid    not null references orders (id),
    sku_id            uuid    not null,
    product_id        uuid    not null,
    title             text    not null,
    sku_attributes    jsonb   not null default '{}',
    quantity          integer not null check (quantity > 0),
    unit_price_cents  bigint  not null check (unit_price_cents > 0),
    list_price_cents  bigint  not null check (list_price_cents > 0),
    line_total_cents  bigint  not null check (line_total_cents > 0),
    ship_within_hours integer not null,
    commission_rate_bps integer,
    primary key (order_id, sku_id)
);

create table payment (
    id            uuid primary key,
    order_id      uuid        not null references orders (id),
    provider      text        not null,
    status        text        not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED')),
    amount_cents  bigint      not null check (amount_cents > 0),
    provider_ref  text        not null,
    created_at    timestamptz not null,
    succeeded_at  timestamptz,
    failed_at     timestamptz,
    refunded_at   timestamptz,
    version       bigint      not null default 0,
    unique (provider, provider_ref)
);
create index payment_order on payment (order_id);

create table refund (
    id            uuid primary key,
    payment_id    uuid        not null references payment (id),
    order_id      uuid        not null references orders (id),
    amount_cents  bigint      not null check (amount_cents > 0),
    reason        text        not null,
    provider_ref  text        not null,
    created_at    timestamptz not null
);
create index refund_order on refund (order_id);

-- Client POSTs that create things: the first answer is kept and given again for the same key and body.
-- A request holds its key's row (uncommitted) while it runs, so a second request with the key waits for it.
create table idempotency_key (
    scope           text        not null,          -- which endpoint, e.g. create-order
    owner_id        uuid        not null,          -- keys are per user
    key             text        not null,
    request_hash    text        not null,          -- SHA-256 of the canonical request
    response_status integer,
    response_body   text,
    resource_id     uuid,
    created_at      timestamptz not null,
    primary key (scope, owner_id, key)
);
create index idempotency_key_age on idempotency_key (created_at);

-- Read model of live.sessions.v1 (livestream-service): placing an order never depends on livestream being up.
create table live_session (
    id          uuid primary key,
    room_id     uuid,
    host_id     uuid        not null,
    status      text        not null check (status in ('SCHEDULED', 'LIVE', 'ENDED')),
    started_at  timestamptz,
    ended_at    timestamptz,
    updated_at  timestamptz not null
);

create table live_offer (
    session_id       uuid    not null references live_session (id),
    sku_id           uuid    not null,
    product_id       uuid    not null,
    live_price_cents bigint  not null check (live_price_cents > 0),
    per_buyer_limit  integer check (per_buyer_limit > 0),
    starts_at        timestamptz,
    primary key (session_id, sku_id)
);
create index live_offer_product on live_offer (session_id, product_id);
