using Npgsql;
using NpgsqlTypes;

namespace Api.Orders;

public abstract record PlaceOutcome
{
    public sealed record Placed : PlaceOutcome;

    /// <summary>The key was used before for the same request: here is what that request was answered.</summary>
    public sealed record Replayed(string Response) : PlaceOutcome;

    public sealed record KeyReused : PlaceOutcome;
}

public abstract record ChangeOutcome
{
    public sealed record Changed(Order Order) : ChangeOutcome;

    public sealed record NotFound : ChangeOutcome;

    public sealed record PreconditionFailed(Order Current) : ChangeOutcome;

    public sealed record NotAllowed(Order Current) : ChangeOutcome;
}

/// <summary>Orders in PostgreSQL. Every write is one transaction.</summary>
public sealed class OrderStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<PlaceOutcome> PlaceAsync(Order order, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // the key first: a retry waits here for the request it repeats and then reads its answer, creating nothing
        if (key is not null && !await ClaimKeyAsync(connection, transaction, key, order.Id, cancellationToken))
            return await ReadClaimAsync(connection, transaction, key, cancellationToken);

        await InsertOrderAsync(connection, transaction, order, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PlaceOutcome.Placed();
    }

    static async Task InsertOrderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Order order, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using var _ = batch;

        batch.BatchCommands.Add(Statement(
            """
            insert into orders (id, customer_id, currency, status, total, created_at, updated_at, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            order.Id, order.CustomerId, order.Currency, order.Status.ToName(), order.Total, order.CreatedAt, order.UpdatedAt, order.Version));
        batch.BatchCommands.Add(Statement(
            """
            insert into order_lines (order_id, line_no, sku, quantity, unit_price)
            select $1, line.no, line.sku, line.quantity, line.unit_price
            from unnest($2::text[], $3::integer[], $4::numeric[]) with ordinality as line (sku, quantity, unit_price, no)
            """,
            order.Id,
            order.Lines.Select(line => line.Sku).ToArray(),
            order.Lines.Select(line => line.Quantity).ToArray(),
            order.Lines.Select(line => line.UnitPrice).ToArray()));

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records the key for this order; false when the caller's unexpired key is held by another request (waiting for that
    /// one to finish). Expired keys go first: this caller's of this value, so it may be claimed anew, and a few others, so
    /// the table keeps only a day of keys without a job to clean it.
    /// </summary>
    async Task<bool> ClaimKeyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyKey key, Guid orderId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = new NpgsqlBatch(connection, transaction);
        await using var _ = batch;

        batch.BatchCommands.Add(Statement(
            """
            delete from placement_keys
            where (caller = $1 and key = $2 and created_at <= $3)
               or (caller, key) in (
                   select caller, key from placement_keys where created_at <= $3 order by created_at limit $4 for update skip locked)
            """,
            key.Caller, key.Value, now - IdempotencyKey.Lifetime, ExpiredKeysRemovedPerClaim));

        var claim = Statement(
            """
            insert into placement_keys (caller, key, request_hash, order_id, response, created_at)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (caller, key) do nothing
            """,
            key.Caller, key.Value, key.RequestHash, orderId, key.FirstResponse, now);
        batch.BatchCommands.Add(claim);

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return claim.RecordsAffected == 1;
    }

    const int ExpiredKeysRemovedPerClaim = 100;

    static async Task<PlaceOutcome> ReadClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select request_hash, response from placement_keys where caller = $1 and key = $2", connection, transaction);
        command.Parameters.Add(new() { Value = key.Caller });
        command.Parameters.Add(new() { Value = key.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException($"Idempotency key {key.Value} conflicted but is not stored.");

        var hash = reader.GetFieldValue<byte[]>(0);
        return hash.AsSpan().SequenceEqual(key.RequestHash)
            ? new PlaceOutcome.Replayed(reader.GetString(1))
            : new PlaceOutcome.KeyReused();
    }

    /// <summary>The order, when it is there and, given <paramref name="onlyOrdersOf"/>, that customer's.</summary>
    public async Task<Order?> FindAsync(Guid id, string? onlyOrdersOf, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // the order and its lines in one round trip; the lines of an order that is not the caller's are read and dropped
        var batch = new NpgsqlBatch(connection);
        await using var _ = batch;
        batch.BatchCommands.Add(onlyOrdersOf is null
            ? Statement(SelectOrder + " where id = $1", id)
            : Statement(SelectOrder + " where id = $1 and customer_id = $2", id, onlyOrdersOf));
        batch.BatchCommands.Add(Statement(SelectLines + " where order_id = $1 order by line_no", id));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var heads = await ReadHeadsAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return Assemble(heads, await ReadLinesAsync(reader, heads, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<Order>> ListAsync(
        string? customerId, OrderStatus? status, Guid? after, int limit, CancellationToken cancellationToken)
    {
        // fixed fragments for the filters given, values only as parameters, so each filter combination uses its index
        var conditions = new List<string>();
        var parameters = new List<object>();
        if (customerId is not null)
        {
            parameters.Add(customerId);
            conditions.Add($"customer_id = ${parameters.Count}");
        }

        if (status is { } wanted)
        {
            parameters.Add(wanted.ToName());
            conditions.Add($"status = ${parameters.Count}");
        }

        if (after is { } lastSeen)
        {
            parameters.Add(lastSeen);
            conditions.Add($"id < ${parameters.Count}");
        }

        parameters.Add(limit);
        var where = conditions.Count == 0 ? "" : " where " + string.Join(" and ", conditions);
        var sql = $"{SelectOrder}{where} order by id desc limit ${parameters.Count}";

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadOrdersAsync(connection, null, sql, parameters, cancellationToken);
    }

    /// <summary>
    /// Applies the action when <paramref name="versionMatches"/> accepts the order's current version; an order of another
    /// customer than <paramref name="onlyOrdersOf"/> (when given) is not found, as if it were not there.
    /// </summary>
    public async Task<ChangeOutcome> ApplyAsync(
        Guid id, OrderAction action, string? onlyOrdersOf, Func<int, bool> versionMatches, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // the row lock orders concurrent changes of one order: each sees the outcome of the one before
        var current = (await ReadOrdersAsync(connection, transaction, SelectOrder + " where id = $1 for update", [id], cancellationToken))
            .SingleOrDefault();
        if (current is null || (onlyOrdersOf is not null && current.CustomerId != onlyOrdersOf))
            return new ChangeOutcome.NotFound();
        if (!versionMatches(current.Version))
            return new ChangeOutcome.PreconditionFailed(current);
        if (current.Apply(action, clock.GetUtcNow()) is not { } changed)
            return new ChangeOutcome.NotAllowed(current);

        await using var update = new NpgsqlCommand(
            "update orders set status = $2, updated_at = $3, version = $4 where id = $1", connection, transaction);
        update.Parameters.Add(new() { Value = changed.Id });
        update.Parameters.Add(new() { Value = changed.Status.ToName() });
        update.Parameters.Add(new() { Value = changed.UpdatedAt });
        update.Parameters.Add(new() { Value = changed.Version });
        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ChangeOutcome.Changed(changed);
    }

    const string SelectOrder = "select id, customer_id, currency, status, created_at, updated_at, version from orders";
    const string SelectLines = "select order_id, sku, quantity, unit_price from order_lines";

    /// <summary>A statement of a batch, its parameters $1, $2… in order.</summary>
    static NpgsqlBatchCommand Statement(string sql, params object[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        foreach (var value in parameters)
            statement.Parameters.Add(new() { Value = value });
        return statement;
    }

    static async Task<IReadOnlyList<Order>> ReadOrdersAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, IEnumerable<object> parameters, CancellationToken cancellationToken)
    {
        List<OrderHead> heads;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            foreach (var value in parameters)
                command.Parameters.Add(new() { Value = value });

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            heads = await ReadHeadsAsync(reader, cancellationToken);
        }

        if (heads.Count == 0)
            return [];

        await using (var command = new NpgsqlCommand(SelectLines + " where order_id = any($1) order by order_id, line_no", connection, transaction))
        {
            command.Parameters.Add(new() { Value = heads.Select(head => head.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return Assemble(heads, await ReadLinesAsync(reader, heads, cancellationToken));
        }
    }

    readonly record struct OrderHead(
        Guid Id, string CustomerId, string Currency, OrderStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

    static async Task<List<OrderHead>> ReadHeadsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var heads = new List<OrderHead>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!OrderStatusRules.TryParse(reader.GetString(3), out var status))
                throw new InvalidOperationException($"Order {reader.GetGuid(0)} has an unknown status {reader.GetString(3)}.");
            heads.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), status,
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6)));
        }

        return heads;
    }

    /// <summary>The lines of the orders read, by order; lines of any other order are skipped.</summary>
    static async Task<Dictionary<Guid, List<OrderLine>>> ReadLinesAsync(NpgsqlDataReader reader, List<OrderHead> heads, CancellationToken cancellationToken)
    {
        var lines = heads.ToDictionary(head => head.Id, _ => new List<OrderLine>());
        while (await reader.ReadAsync(cancellationToken))
        {
            if (lines.TryGetValue(reader.GetGuid(0), out var ofOrder))
                ofOrder.Add(new OrderLine(reader.GetString(1), reader.GetInt32(2), reader.GetDecimal(3)));
        }

        return lines;
    }

    static List<Order> Assemble(List<OrderHead> heads, Dictionary<Guid, List<OrderLine>> lines) =>
        [.. heads.Select(head => new Order(head.Id, head.CustomerId, head.Currency, lines[head.Id], head.Status, head.CreatedAt, head.UpdatedAt, head.Version))];
}
