using System.Data.Common;
using System.Globalization;
using Api.Database;
using Npgsql;

namespace Api.Tests.Infrastructure;

/// <summary>The Api's database settings (Database:Host and so on) that reach the server, database and login a connection string names.</summary>
public static class DatabaseSettings
{
    public static Dictionary<string, string> Of(string connectionString)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var settings = new Dictionary<string, string>
        {
            [DatabaseOptions.Key(nameof(DatabaseOptions.Host))] = connection.Host!,
            [DatabaseOptions.Key(nameof(DatabaseOptions.Port))] = connection.Port.ToString(CultureInfo.InvariantCulture),
            [DatabaseOptions.Key(nameof(DatabaseOptions.Name))] = connection.Database!,
            [DatabaseOptions.Key(nameof(DatabaseOptions.SslMode))] = connection.SslMode.ToString(),
        };
        // what the string leaves out keeps the Api's default: its own role, its timeouts
        if (connection.Username is { Length: > 0 } username)
            settings[DatabaseOptions.Key(nameof(DatabaseOptions.Username))] = username;
        if (connection.Password is { Length: > 0 } password)
            settings[DatabaseOptions.Key(nameof(DatabaseOptions.Password))] = password;
        if (connection.RootCertificate is { Length: > 0 } rootCertificate)
            settings[DatabaseOptions.Key(nameof(DatabaseOptions.RootCertificate))] = rootCertificate;
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Timeout"))
            settings[DatabaseOptions.Key(nameof(DatabaseOptions.ConnectTimeout))] = connection.Timeout.ToString(CultureInfo.InvariantCulture);
        if (given.ContainsKey("Command Timeout") || given.ContainsKey("CommandTimeout"))
            settings[DatabaseOptions.Key(nameof(DatabaseOptions.CommandTimeout))] = connection.CommandTimeout.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    /// <summary>The settings as command-line arguments (--Database:Host=...).</summary>
    public static string[] AsArguments(this IEnumerable<KeyValuePair<string, string>> settings) =>
        [.. settings.Select(setting => $"--{setting.Key}={setting.Value}")];

    /// <summary>The settings as environment variables (Database__Host=...).</summary>
    public static Dictionary<string, string> AsVariables(this IEnumerable<KeyValuePair<string, string>> settings) =>
        settings.ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
}
