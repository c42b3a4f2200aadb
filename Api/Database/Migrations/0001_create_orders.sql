create table orders (
    id          uuid primary key,
    customer_id text not null check (char_length(customer_id) between 1 and 64),
    currency    char(3) not null,
    status      text not null check (status in ('placed', 'paid', 'shipped', 'cancelled')),
    total       numeric(18, 2) not null check (total >= 0),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     integer not null check (version >= 1)
);

-- keyset pagination walks ids newest first, within a customer or a status
create index orders_customer_id_id on orders (customer_id, id desc);
create index orders_status_id on orders (status, id desc);

create table order_lines (
    order_id   uuid not null references orders (id) on delete cascade,
    line_no    integer not null,
    sku        text not null check (char_length(sku) between 1 and 64),
    quantity   integer not null check (quantity between 1 and 1000),
    unit_price numeric(10, 2) not null check (unit_price >= 0),
    primary key (order_id, line_no)
);

create table idempotency_keys (
    key          text primary key,
    request_hash bytea not null,
    -- checked at commit: the key is claimed before the order it belongs to is written
    order_id     uuid not null references orders (id) on delete cascade deferrable initially deferred,
    response     text not null,
    created_at   timestamptz not null default now()
);

-- lets a clean-up job drop old keys without scanning the table
create index idempotency_keys_created_at on idempotency_keys (created_at);
