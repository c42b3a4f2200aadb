using System.Text.RegularExpressions;

namespace Delivery.Tests;

public sealed class CheckMigrationsTests : IAsyncLifetime
{
    const string Orders = """
        create table orders (id uuid primary key, total numeric(18, 2) not null);
        create table idempotency_keys (key text primary key, order_id uuid not null);
        """;

    const string Expand = """
        -- keys belong to their caller; idempotency_keys serves the release before this one
        create table placement_keys (caller text not null, key text not null, primary key (caller, key));
        """;

    readonly StandInWorld _world = new();
    ThrowawayRepository _repository = null!;

    public async ValueTask InitializeAsync()
    {
        _repository = await ThrowawayRepository.CreateAsync(_world);
        _repository.WriteMigration("0001_create_orders.sql", Orders);
    }

    public ValueTask DisposeAsync()
    {
        _world.Dispose();
        return ValueTask.CompletedTask;
    }

    async Task ReleaseAsync()
    {
        var released = await _repository.CommitAsync("what development runs");
        await _repository.TagAsync("released/development", released);
    }

    [Fact]
    public async Task A_new_table_or_column_passes()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0002_order_notes.sql", """
            alter table orders add column note text;
            alter table orders add column priority int not null default 0;
            create table order_notes (order_id uuid not null references orders (id), body text not null);
            grant select, insert on order_notes to orders_api;
            """);
        await _repository.CommitAsync("notes");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 migration(s) added since the released commit", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drop table idempotency_keys;", "drops")]
    [InlineData("alter table orders drop column total;", "drops")]
    [InlineData("ALTER TABLE orders\n    DROP\n    COLUMN total;", "drops")]
    [InlineData("drop view if exists order_totals;", "drops")]
    [InlineData("alter table orders drop constraint orders_pkey;", "drops")]
    [InlineData("alter table orders rename column total to amount;", "renames")]
    [InlineData("alter table idempotency_keys rename to caller_keys;", "renames")]
    [InlineData("alter table orders alter column total type numeric(20, 2);", "type")]
    [InlineData("alter table orders alter column total set data type numeric(20, 2);", "type")]
    [InlineData("alter table orders add column currency char(3) not null;", "without a default")]
    [InlineData("alter table orders alter column total drop default;", "drops")]
    [InlineData("revoke insert on orders from orders_api;", "privilege of orders_api")]
    [InlineData("revoke usage on schema public from public;", "privilege of orders_api or PUBLIC")]
    [InlineData("alter role orders_api nologin;", "from logging in")]
    [InlineData("do $$ begin drop table idempotency_keys; end $$;", "drops")]
    public async Task A_drop_rename_or_type_change_is_refused_naming_the_file_and_statement(string statement, string why)
    {
        await ReleaseAsync();
        _repository.WriteMigration("0002_change.sql", $"-- a change\n\n{statement}\n");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{ThrowawayRepository.Migrations}/0002_change.sql:3:", run.Error, StringComparison.Ordinal);
        Assert.Contains(why, run.Error, StringComparison.Ordinal);
        // the statement as far as its first semicolon, on one line
        Assert.Contains(Regex.Replace(statement.Split(';')[0], @"\s+", " "), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_from_another_role_than_the_released_apis_passes()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0002_reader.sql", """
            create role orders_reader nologin;
            grant select on orders to orders_reader;
            revoke select on idempotency_keys from orders_reader;
            """);

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Dropping_not_null_relaxes_and_passes()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0002_optional_total.sql", "alter table orders alter column total drop not null;\n");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task The_contract_of_an_expand_the_release_ran_with_passes()
    {
        _repository.WriteMigration("0002_caller_keys.sql", Expand);
        await ReleaseAsync();
        _repository.WriteMigration("0003_drop_idempotency_keys.sql", """
            -- contract of 0002_caller_keys.sql: the released Api places orders with placement_keys only
            drop table idempotency_keys;
            """);

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("1 of them the contract step of a released expand", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contract_of_an_expand_that_is_not_released_yet_is_refused()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0002_caller_keys.sql", Expand);
        _repository.WriteMigration("0003_drop_idempotency_keys.sql", """
            -- contract of 0002_caller_keys.sql: placement_keys replaces it
            drop table idempotency_keys;
            """);
        await _repository.CommitAsync("expand and contract in one change");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("0003_drop_idempotency_keys.sql: is marked as the contract of 0002_caller_keys.sql, which the released commit",
            run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_mark_without_a_reason_is_refused()
    {
        _repository.WriteMigration("0002_caller_keys.sql", Expand);
        await ReleaseAsync();
        _repository.WriteMigration("0003_drop_idempotency_keys.sql", "-- contract of 0002_caller_keys.sql\ndrop table idempotency_keys;\n");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("is not '-- contract of <expand migration>.sql: <why", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_table_in_a_comment_or_a_string_passes()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0002_comments.sql", """
            -- drop table orders; is what a later release may do
            /* alter table orders rename column total to amount; /* nested */ drop table orders; */
            comment on table orders is 'never drop table orders; rename nothing';
            comment on column orders.total is E'it\'s not to drop table orders';
            create table "drop table notes" (id int);
            """);

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_changed_released_migration_is_refused()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0001_create_orders.sql", Orders + "create index orders_total on orders (total);\n");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("0001_create_orders.sql: was released", run.Error, StringComparison.Ordinal);
        Assert.Contains("SchemaMigrator refuses a script changed after it was applied", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_released_migration_in_crlf_line_endings_is_no_change()
    {
        await ReleaseAsync();
        _repository.WriteMigration("0001_create_orders.sql", Orders.ReplaceLineEndings("\r\n"));

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_removed_released_migration_is_refused()
    {
        _repository.WriteMigration("0002_caller_keys.sql", Expand);
        await ReleaseAsync();
        _repository.DeleteMigration("0002_caller_keys.sql");

        var run = await _world.RunAsync("check-migrations.sh");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("0002_caller_keys.sql: was released", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_released_commit_given_is_the_one_compared_with()
    {
        var first = await _repository.CommitAsync("orders");
        _repository.WriteMigration("0002_caller_keys.sql", Expand);
        await ReleaseAsync();
        _repository.WriteMigration("0003_drop_idempotency_keys.sql", """
            -- contract of 0002_caller_keys.sql: the released Api places orders with placement_keys only
            drop table idempotency_keys;
            """);

        var run = await _world.RunAsync("check-migrations.sh", first);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"which the released commit {first[..7]} does not have", run.Error, StringComparison.Ordinal);
    }
}
