-- catalog: shops, products, SKUs with stock, reservations, quality checks, the alliance pool

create extension if not exists pg_trgm;

create table shop (
    id          uuid primary key,
    name        text        not null,
    description text        not null default '',
    owner_id    uuid        not null,
    created_at  timestamptz not null
);
create index shop_owner on shop (owner_id);

-- Hosts a shop works with: they may pin its products without the alliance pool.
create table shop_host (
    shop_id  uuid        not null references shop (id),
    host_id  uuid        not null,
    added_at timestamptz not null,
    primary key (shop_id, host_id)
);

create table product (
    id                    uuid primary key,
    shop_id               uuid        not null references shop (id),
    title                 text        not null,
    description           text        not null default '',
    image_urls            jsonb       not null default '[]',
    ship_within_hours     integer     not null check (ship_within_hours between 1 and 720),
    status                text        not null check (status in ('DRAFT', 'ON_SALE', 'OFF_SHELF')),
    quality_status        text        not null check (quality_status in ('PENDING', 'PASSED', 'FAILED')),
    alliance_rate_bps     integer check (alliance_rate_bps between 1 and 9000),
    alliance_listed_at    timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint      not null default 0
);
create index product_shop on product (shop_id, created_at desc, id desc);
create index product_listing on product (status, created_at desc, id desc);
create index product_alliance on product (alliance_rate_bps desc, id) where alliance_rate_bps is not null;
-- Search: trigram index over title and description; works for Chinese text as well (no word boundaries needed).
create index product_search on product using gin ((title || ' ' || description) gin_trgm_ops);

create table sku (
    id          uuid primary key,
    product_id  uuid    not null references product (id),
    sku_code    text    not null,
    attributes  jsonb   not null default '{}',
    price_cents bigint  not null check (price_cents > 0),
    -- Stock: what can be bought, what unpaid orders hold, what was sold. Never negative.
    available   integer not null check (available >= 0),
    reserved    integer not null default 0 check (reserved >= 0),
    sold        integer not null default 0 check (sold >= 0),
    version     bigint  not null default 0,
    unique (product_id, sku_code)
);

create table quality_check (
    id           uuid primary key,
    product_id   uuid        not null references product (id),
    result       text        not null check (result in ('PASSED', 'FAILED')),
    notes        text        not null default '',
    inspector_id uuid        not null,
    checked_at   timestamptz not null
);
create index quality_check_product on quality_check (product_id, checked_at desc);

-- A reservation is an order's hold on stock; its id is the order id. The answer given to order-service is
-- kept so that the same reservation id asked again gets the same answer.
create table reservation (
    id         uuid primary key,
    status     text        not null check (status in ('RESERVED', 'CONFIRMED', 'RELEASED', 'REFUNDED')),
    expires_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    response   jsonb                    -- filled when the reservation is made, in the same transaction
);
create index reservation_expiry on reservation (expires_at) where status = 'RESERVED';

create table reservation_item (
    reservation_id uuid    not null references reservation (id),
    sku_id         uuid    not null references sku (id),
    quantity       integer not null check (quantity > 0),
    primary key (reservation_id, sku_id)
);
