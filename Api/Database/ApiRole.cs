using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Api.Database;

/// <summary>
/// The role the Api connects as: the migrations create it and grant it reading and writing the orders tables, nothing
/// else; this gives it the password to log in with. Only the migrations run as the schema's owner.
/// </summary>
public sealed partial class ApiRole(NpgsqlDataSource ownerDataSource, Func<CancellationToken, ValueTask<string?>> password, ILogger<ApiRole> logger)
{
    /// <summary>The role's name, as the migrations' grants name it.</summary>
    public const string Name = "orders_api";

    const int ScramIterations = 4096;

    /// <summary>Lets the role log in with the configured password; without one it leaves the role as it is.</summary>
    public async Task GrantLoginAsync(CancellationToken cancellationToken)
    {
        if (await password(cancellationToken) is not { Length: > 0 } secret)
            return;

        // the server stores only this verifier; the password itself never reaches it, nor its statement log
        var statement = $"alter role {Name} login password '{ScramVerifier(secret)}'";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await ownerDataSource.OpenConnectionAsync(cancellationToken);
                await using var command = new NpgsqlCommand(statement, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                break;
            }
            catch (PostgresException exception) when (IsConcurrentRoleUpdate(exception) && attempt < MaxAttempts)
            {
                // the role belongs to the server: migrating two of its databases at once alters it twice, and one
                // tries again, on a new connection (the server may have ended the one that failed)
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 200)), cancellationToken);
            }
        }

        LogLoginGranted(Name);
    }

    const int MaxAttempts = 10;

    static bool IsConcurrentRoleUpdate(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.InternalError && exception.MessageText.Contains("concurrently updated", StringComparison.Ordinal);

    /// <summary>A SCRAM-SHA-256 verifier as PostgreSQL stores it (RFC 5803): what the server needs to check the password.</summary>
    public static string ScramVerifier(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, ScramIterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${ScramIterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(SHA256.HashData(clientKey))}:{Convert.ToBase64String(serverKey)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The role {Role} may log in with its configured password")]
    partial void LogLoginGranted(string role);
}
