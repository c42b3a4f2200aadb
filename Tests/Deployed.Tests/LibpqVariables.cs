using Npgsql;

namespace Deployed.Tests;

/// <summary>
/// A PostgreSQL connection as libpq's variables describe it: what .github/scripts/database.sh sets for the command it
/// runs through an environment's private database path (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE,
/// PGSSLROOTCERT), read explicitly, since Npgsql takes only some of them from the environment by itself.
/// </summary>
static class LibpqVariables
{
    public const string Host = "PGHOST";

    /// <summary>The connection the variables name; none without <see cref="Host"/>; an error that says what is wrong.</summary>
    public static string? ConnectionString()
    {
        if (Value(Host) is not { } host)
            return null;

        var port = Value("PGPORT") ?? "5432";
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = int.TryParse(port, out var number) && number is > 0 and < 65536
                ? number
                : throw new InvalidOperationException($"PGPORT must be a port number, not '{port}'."),
            Database = Required("PGDATABASE"),
            Username = Required("PGUSER"),
            Password = Value("PGPASSWORD"),
            SslMode = SslMode(Value("PGSSLMODE") ?? "prefer"),
            RootCertificate = Value("PGSSLROOTCERT"),
            // an IAM token lives 15 minutes: every test opens its own connection and none is kept
            Pooling = false,
            Timeout = 30,
        };
        return builder.ConnectionString;
    }

    static SslMode SslMode(string mode) => mode switch
    {
        "disable" => Npgsql.SslMode.Disable,
        "allow" => Npgsql.SslMode.Allow,
        "prefer" => Npgsql.SslMode.Prefer,
        "require" => Npgsql.SslMode.Require,
        "verify-ca" => Npgsql.SslMode.VerifyCA,
        "verify-full" => Npgsql.SslMode.VerifyFull,
        _ => throw new InvalidOperationException($"PGSSLMODE must be one of libpq's modes (disable, allow, prefer, require, verify-ca, verify-full), not '{mode}'."),
    };

    static string? Value(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;

    static string Required(string variable) =>
        Value(variable) ?? throw new InvalidOperationException($"{Host} names a database server, but {variable} is not set.");
}
