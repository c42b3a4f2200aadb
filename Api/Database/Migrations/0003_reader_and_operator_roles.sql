-- The roles people and CI connect as through the private database path (.github/scripts/database.sh): orders_reader
-- reads every table and writes nothing; orders_operator reads as much and writes the orders tables, and changes no
-- schema.
-- Both log in without a password of their own: in Aurora with IAM database authentication (a 15-minute token of the
-- environment's db-reader or db-writer IAM role), elsewhere with the password a test gives them. Roles belong to the
-- server, not the database: another database on the same server may have made them already.
do $$
begin
    create role orders_reader login;
exception
    when duplicate_object or unique_violation then null;
end
$$;

do $$
begin
    create role orders_operator login;
exception
    when duplicate_object or unique_violation then null;
end
$$;

-- Aurora's role for IAM database authentication; with it a role's login takes IAM tokens instead of passwords.
do $$
begin
    if exists (select from pg_roles where rolname = 'rds_iam') then
        grant rds_iam to orders_reader, orders_operator;
    end if;
exception
    when unique_violation then null; -- another database of the server granted it at the same moment
end
$$;

-- People use these roles, the Api never: every statement they run goes into the PostgreSQL log (CloudWatch in AWS),
-- which with the logged connections is the audit of who looked at or changed what. A server that refuses the setting
-- to the migrations' role still gets the roles, and says so in its log (the deployed tests check the setting).
do $$
begin
    for attempt in 1..10 loop
        begin
            alter role orders_reader set log_statement = 'all';
            alter role orders_operator set log_statement = 'all';
            exit;
        exception
            -- the role belongs to the server: migrating two of its databases at once alters it twice, and one waits
            -- for the other and tries again
            when internal_error then
                if attempt = 10 or sqlerrm not like '%concurrently updated%' then
                    raise;
                end if;
                perform pg_sleep(0.02 * attempt);
        end;
    end loop;
exception
    when insufficient_privilege then
        raise warning 'orders_reader and orders_operator are not statement-logged: % (log_statement needs a superuser or rds_superuser)', sqlerrm;
end
$$;

grant usage on schema public to orders_reader, orders_operator;

-- every table there is now, schema_migrations included, and every table the migrations create later
grant select on all tables in schema public to orders_reader;
alter default privileges in schema public grant select on tables to orders_reader;

-- the operator reads what the reader reads, and writes the orders tables only: a table a later migration adds gets
-- its grants there, as for the Api's role
do $$
begin
    grant orders_reader to orders_operator;
exception
    when unique_violation then null; -- another database of the server granted it at the same moment
end
$$;

grant select, insert, update, delete on orders, order_lines, placement_keys to orders_operator;
