-- The Api's role reads and writes orders and nothing else; the migrate command lets it log in. Roles belong to the
-- server, not the database: another database on the same server may have made it already.
do $$
begin
    create role orders_api nologin;
exception
    when duplicate_object or unique_violation then null;
end
$$;

grant usage on schema public to orders_api;
grant select, insert, update on orders to orders_api;
grant select, insert on order_lines to orders_api;

-- Idempotency keys belong to their caller: the same key from two callers are two requests. Keys expire after a day;
-- the Api removes expired ones as it places orders. The previous table, idempotency_keys, serves the release before
-- this one while it is deployed, and a later migration drops it.
create table placement_keys (
    caller       text not null,
    key          text not null,
    request_hash bytea not null,
    order_id     uuid not null references orders (id) on delete cascade deferrable initially deferred,
    response     text not null,
    created_at   timestamptz not null,
    primary key (caller, key)
);

create index placement_keys_created_at on placement_keys (created_at);

-- update of one column only because removing expired keys locks them first (select ... for update needs it)
grant select, insert, delete, update (created_at) on placement_keys to orders_api;
