using Npgsql;

namespace Orders.Local.Postgres;

/// <summary>
/// `sql CONNECTION-STRING`: runs the statements on standard input in one batch, as `psql -v ON_ERROR_STOP=1` would,
/// for scripts that seed a private server (the embedded binaries bring no psql). Fails with the server's message.
/// </summary>
public static class SqlCommand
{
    public const string Usage = "sql CONNECTION-STRING < statements.sql";

    public static async Task<int> RunAsync(string[] arguments)
    {
        if (arguments is not [var connectionString])
        {
            await Console.Error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

        var statements = await Console.In.ReadToEndAsync();
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(statements, connection);
            await command.ExecuteNonQueryAsync();
            return 0;
        }
        catch (Exception exception) when (exception is NpgsqlException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"sql: {exception.Message}");
            return 1;
        }
    }
}
