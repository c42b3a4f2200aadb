using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Baseline;

/// <summary>
/// What both baselines serve: reading an order, listing a customer's page and placing an order, with the Api's SQL word
/// for word, and nothing else (no validation, problem details, ETags or idempotency).
/// </summary>
public static class OrdersEndpoints
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration) => services
        .ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default))
        .AddSingleton(_ => NpgsqlDataSource.Create(
            configuration.GetConnectionString("appdb") ?? throw new InvalidOperationException("Set ConnectionStrings:appdb.")));

    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders");

        orders.MapGet("/{id:guid}", async (Guid id, NpgsqlDataSource database, CancellationToken cancel) =>
            await Sql.ReadOneAsync(database, id, cancel) is { } order
                ? Results.Ok(order)
                : Results.NotFound());

        orders.MapGet("/", async (string customerId, int? limit, NpgsqlDataSource database, CancellationToken cancel) =>
            Results.Ok(new OrderPage(await Sql.ReadAsync(database, Sql.SelectOrder + " where customer_id = $1 order by id desc limit $2", [customerId, limit ?? 20], cancel), null)));

        orders.MapPost("/", async (PlaceOrder body, NpgsqlDataSource database, CancellationToken cancel) =>
        {
            var now = DateTimeOffset.UtcNow;
            var order = new OrderView(Guid.CreateVersion7(), body.CustomerId, body.Currency, body.Lines,
                body.Lines.Sum(line => line.Quantity * line.UnitPrice), "placed", now, now, 1);
            await Sql.InsertAsync(database, order, cancel);
            return Results.Created($"/api/orders/{order.Id}", order);
        });
        return orders;
    }
}

public sealed record Line(string Sku, int Quantity, decimal UnitPrice);

public sealed record PlaceOrder(string CustomerId, string Currency, Line[] Lines);

public sealed record OrderView(
    Guid Id, string CustomerId, string Currency, Line[] Lines, decimal Total, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record OrderPage(OrderView[] Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(OrderPage))]
sealed partial class BaselineJson : JsonSerializerContext;

/// <summary>The statements the Api's OrderStore runs, word for word.</summary>
static class Sql
{
    public const string SelectOrder = "select id, customer_id, currency, status, created_at, updated_at, version from orders";
    const string SelectLines = "select order_id, sku, quantity, unit_price from order_lines";

    /// <summary>An order and its lines in one round trip.</summary>
    public static async Task<OrderView?> ReadOneAsync(NpgsqlDataSource database, Guid id, CancellationToken cancel)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var batch = new NpgsqlBatch(connection);
        var order = new NpgsqlBatchCommand(SelectOrder + " where id = $1");
        order.Parameters.Add(new() { Value = id });
        batch.BatchCommands.Add(order);
        var lines = new NpgsqlBatchCommand(SelectLines + " where order_id = $1 order by line_no");
        lines.Parameters.Add(new() { Value = id });
        batch.BatchCommands.Add(lines);

        await using var reader = await batch.ExecuteReaderAsync(cancel);
        if (!await reader.ReadAsync(cancel))
            return null;
        var head = new OrderView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), [], 0, reader.GetString(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6));
        await reader.NextResultAsync(cancel);
        var read = new List<Line>();
        while (await reader.ReadAsync(cancel))
            read.Add(new Line(reader.GetString(1), reader.GetInt32(2), reader.GetDecimal(3)));
        return head with { Lines = [.. read], Total = read.Sum(line => line.Quantity * line.UnitPrice) };
    }

    public static async Task<OrderView[]> ReadAsync(NpgsqlDataSource database, string sql, object[] parameters, CancellationToken cancel)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        var heads = new List<OrderView>();
        await using (var command = new NpgsqlCommand(sql, connection))
        {
            foreach (var value in parameters)
                command.Parameters.Add(new() { Value = value });
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
            {
                heads.Add(new OrderView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), [], 0, reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt32(6)));
            }
        }

        if (heads.Count == 0)
            return [];

        var lines = heads.ToDictionary(head => head.Id, _ => new List<Line>());
        await using (var command = new NpgsqlCommand(
            SelectLines + " where order_id = any($1) order by order_id, line_no", connection))
        {
            command.Parameters.Add(new() { Value = heads.Select(head => head.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            await using var reader = await command.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel))
                lines[reader.GetGuid(0)].Add(new Line(reader.GetString(1), reader.GetInt32(2), reader.GetDecimal(3)));
        }

        return [.. heads.Select(head => head with { Lines = [.. lines[head.Id]], Total = lines[head.Id].Sum(line => line.Quantity * line.UnitPrice) })];
    }

    public static async Task InsertAsync(NpgsqlDataSource database, OrderView order, CancellationToken cancel)
    {
        await using var connection = await database.OpenConnectionAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var insertOrder = new NpgsqlBatchCommand(
            """
            insert into orders (id, customer_id, currency, status, total, created_at, updated_at, version)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        foreach (var value in new object[] { order.Id, order.CustomerId, order.Currency, order.Status, order.Total, order.CreatedAt, order.UpdatedAt, order.Version })
            insertOrder.Parameters.Add(new() { Value = value });
        batch.BatchCommands.Add(insertOrder);

        var insertLines = new NpgsqlBatchCommand(
            """
            insert into order_lines (order_id, line_no, sku, quantity, unit_price)
            select $1, line.no, line.sku, line.quantity, line.unit_price
            from unnest($2::text[], $3::integer[], $4::numeric[]) with ordinality as line (sku, quantity, unit_price, no)
            """);
        insertLines.Parameters.Add(new() { Value = order.Id });
        insertLines.Parameters.Add(new() { Value = order.Lines.Select(line => line.Sku).ToArray() });
        insertLines.Parameters.Add(new() { Value = order.Lines.Select(line => line.Quantity).ToArray() });
        insertLines.Parameters.Add(new() { Value = order.Lines.Select(line => line.UnitPrice).ToArray() });
        batch.BatchCommands.Add(insertLines);

        await batch.ExecuteNonQueryAsync(cancel);
        await transaction.CommitAsync(cancel);
    }
}
