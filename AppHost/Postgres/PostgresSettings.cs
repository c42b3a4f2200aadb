using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AppHost.Postgres;

/// <summary>Where the topology's PostgreSQL comes from.</summary>
public enum PostgresSource
{
    /// <summary>The server and database that ConnectionStrings:appdb names.</summary>
    ConnectionString,

    /// <summary>A container, its data in a named volume.</summary>
    Container,

    /// <summary>A server started from the embedded binaries (the npm registry's), its data in a folder of its own.</summary>
    Embedded,
}

/// <summary>The section Postgres of the AppHost's configuration: each setting is optional.</summary>
public sealed record PostgresSettings(
    PostgresSource? Source, int? Port, string? DataVolume, bool AdminUi, string? DataFolder)
{
    public const string Section = "Postgres";

    public static PostgresSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new PostgresSettings(
            Source: Optional<PostgresSource>(section, "Source", value => Enum.TryParse<PostgresSource>(value, ignoreCase: true, out var source) ? source : null,
                $"one of {string.Join(", ", Enum.GetNames<PostgresSource>())}"),
            Port: Optional<int>(section, "Port", value => int.TryParse(value, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null,
                "a TCP port number (1 to 65535)"),
            DataVolume: Text(section, "DataVolume"),
            AdminUi: Optional<bool>(section, "AdminUi", value => bool.TryParse(value, out var on) ? on : null, "true or false") ?? true,
            DataFolder: Text(section, "DataFolder"));
    }

    static string? Text(IConfigurationSection section, string key) => string.IsNullOrWhiteSpace(section[key]) ? null : section[key];

    static T? Optional<T>(IConfigurationSection section, string key, Func<string, T?> parse, string expected) where T : struct
    {
        var value = Text(section, key);
        if (value is null)
            return null;
        return parse(value) ?? throw new ArgumentException($"{Section}:{key} must be {expected}, not '{value}'.");
    }
}
