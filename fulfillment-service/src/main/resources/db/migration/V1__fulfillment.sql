-- fulfillment: logistics partners, shop routing, shipments with their tracking timeline, outbound webhook
-- deliveries with every attempt, inbound webhook ids seen (replay protection)

-- Signing secrets are stored as issued (whsec_…): HMAC needs the key itself to sign outbound messages and
-- to verify inbound ones. The previous secret stays valid until previous_secret_expires_at (rotation).
create table partner (
    id                         uuid primary key,
    name                       text        not null,
    webhook_url                text        not null,
    is_default                 boolean     not null default false,
    enabled                    boolean     not null default true,
    disabled_reason            text,
    signing_secret             text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null,
    version                    bigint      not null default 0
);
-- At most one default partner.
create unique index partner_one_default on partner (is_default) where is_default;

create table shop_partner (
    shop_id     uuid primary key,
    partner_id  uuid        not null references partner (id),
    assigned_by uuid        not null,
    updated_at  timestamptz not null
);

create table shipment (
    id               uuid primary key,
    order_id         uuid        not null unique,            -- exactly one shipment per paid order
    buyer_id         uuid        not null,
    shop_id          uuid        not null,
    partner_id       uuid references partner (id),
    status           text        not null check (status in ('CREATED', 'DISPATCHED', 'DISPATCH_FAILED', 'PICKED_UP',
                                       'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'CANCELLED')),
    -- the furthest point of the forward journey reached; status is this or EXCEPTION/CANCELLED/DISPATCH_FAILED
    stage            text        not null,
    stage_at         timestamptz,                             -- the partner's occurredAt of the stage reached
    exception_at     timestamptz,
    items            jsonb       not null,
    ship_to          jsonb       not null,
    paid_at          timestamptz not null,
    ship_by          timestamptz not null,
    tracking_number  text,
    dispatched_at    timestamptz,
    picked_up_at     timestamptz,
    delivered_at     timestamptz,
    cancelled_at     timestamptz,
    overdue_at       timestamptz,
    support_note     text,                                    -- set when a case needs a person (e.g. cancelled after pickup)
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    version          bigint      not null default 0
);
create index shipment_shop on shipment (shop_id, created_at desc);
create index shipment_partner on shipment (partner_id, created_at desc);
create index shipment_buyer on shipment (buyer_id, created_at desc);
create index shipment_awaiting_pickup on shipment (ship_by) where picked_up_at is null and cancelled_at is null;

create table tracking_event (
    id              bigserial primary key,
    shipment_id     uuid        not null references shipment (id),
    type            text        not null,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null,
    tracking_number text,
    location        text,
    note            text,
    webhook_id      text,
    applied         boolean     not null                      -- false: kept in the timeline, status not moved (late)
);
create index tracking_event_shipment on tracking_event (shipment_id, occurred_at, id);

-- One outbound message (shipment.requested, shipment.cancelled) and its retry state. next_attempt_at doubles as
-- the lease of a claimed delivery: a sender that dies mid-attempt leaves it due again after the lease.
create table webhook_delivery (
    id              uuid primary key,
    partner_id      uuid        not null references partner (id),
    shipment_id     uuid        not null references shipment (id),
    event_type      text        not null,
    message_id      text        not null unique,              -- webhook-id: the same across retries
    payload         text        not null,                     -- the body exactly as signed and sent
    status          text        not null check (status in ('PENDING', 'SUCCEEDED', 'DEAD', 'CANCELLED')),
    attempt_count   integer     not null default 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_partner on webhook_delivery (partner_id, created_at desc);
create index webhook_delivery_shipment on webhook_delivery (shipment_id);

create table delivery_attempt (
    id               bigserial primary key,
    delivery_id      uuid        not null references webhook_delivery (id),
    attempted_at     timestamptz not null,
    status_code      integer,                                 -- null: no HTTP answer (timeout, refused, …)
    latency_ms       bigint      not null,
    error            text,
    response_excerpt text
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id, id);

-- webhook-ids accepted from partners; a replay of one changes nothing. Ids older than the signature tolerance
-- could be pruned, since the verifier refuses such timestamps anyway.
create table inbound_webhook (
    partner_id  uuid        not null,
    webhook_id  text        not null,
    received_at timestamptz not null,
    primary key (partner_id, webhook_id)
);
