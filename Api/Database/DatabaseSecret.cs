using Api.Secrets;
using Npgsql;

namespace Api.Database;

/// <summary>
/// A database password, read from AWS Secrets Manager through the secrets extension. It is asked for every new physical
/// connection, so a password that was rotated is picked up without a restart.
/// </summary>
public sealed class DatabaseSecret(SecretsExtensionClient extension, string secretArn)
{
    public async ValueTask<string> ReadPasswordAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var secret = await extension.ReadJsonAsync(secretArn, cancellationToken);
            return secret.RootElement.TryGetProperty("password", out var password) && password.GetString() is { Length: > 0 } value
                ? value
                : throw new NpgsqlException("The database secret has no password.");
        }
        catch (SecretUnavailableException exception)
        {
            // as a database that cannot be reached: the request gets a 503 and the next one tries again
            throw new NpgsqlException("The database secret could not be read from the secrets extension.", exception);
        }
    }
}
