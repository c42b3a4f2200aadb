using Npgsql;

namespace Orders.Local.Postgres;

/// <summary>How a private server starts; every setting has a default.</summary>
public sealed record PrivateServerOptions
{
    /// <summary>The superuser's password, which TCP connections must give: by default one made for the server.</summary>
    public string Password { get; init; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>A folder with server.crt and server.key: the server then speaks TLS with them.</summary>
    public string? TlsFolder { get; init; }

    /// <summary>Server settings, as postgres -c name=value takes them.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// A throwaway PostgreSQL server from the embedded binaries: a data folder in a temporary folder, a free loopback port,
/// no syncing to disk; stopped and removed when disposed.
/// </summary>
public sealed class PrivateServer : IAsyncDisposable
{
    const int StartAttempts = 3;

    readonly ServerBinaries _binaries;
    readonly string _folder;
    readonly PrivateServerOptions _options;

    PrivateServer(ServerBinaries binaries, string folder, PrivateServerOptions options)
    {
        _binaries = binaries;
        _folder = folder;
        _options = options;
    }

    public int Port { get; private set; }

    /// <summary>The superuser's connection to the maintenance database postgres.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = DataFolder.Superuser,
        Password = _options.Password,
        Database = "postgres",
    }.ConnectionString;

    string Data => Path.Combine(_folder, "data");

    public static async Task<PrivateServer> StartAsync(PrivateServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var binaries = await EmbeddedPostgres.InstallAsync(cancellationToken);
        var server = new PrivateServer(binaries, Directory.CreateTempSubdirectory("orders-postgres-").FullName, options ?? new());
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartServerAsync(cancellationToken);
            return server;
        }
        catch
        {
            Directory.Delete(server._folder, recursive: true);
            throw;
        }
    }

    /// <summary>Creates a database and returns the superuser's connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"create database \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _binaries.GiveAsync(cancellationToken, _folder);
        await DataFolder.InitializeAsync(Data, _binaries, _options.Password, throwaway: true, cancellationToken);
        if (_options.TlsFolder is { } tls)
        {
            foreach (var file in new[] { "server.crt", "server.key" })
            {
                var copy = Path.Combine(Data, file);
                File.Copy(Path.Combine(tls, file), copy);
                // the server refuses a key that others may read
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                await _binaries.GiveAsync(cancellationToken, copy);
            }
        }
    }

    async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Pick();
            try
            {
                await _binaries.RunAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", ServerOptions(), "start"], cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // another process may have taken the port between choosing and binding it
            }
            catch (InvalidOperationException exception)
            {
                var log = Path.Combine(_folder, "server.log");
                throw new InvalidOperationException($"{exception.Message} The server's log: {(File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "none")}", exception);
            }
        }
    }

    string ServerOptions()
    {
        var settings = new Dictionary<string, string>(_options.Settings)
        {
            ["listen_addresses"] = "127.0.0.1",
            ["port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unix_socket_directories"] = $"'{_folder}'",
            ["fsync"] = "off",
        };
        if (_options.TlsFolder is not null)
        {
            settings["ssl"] = "on";
            settings["ssl_cert_file"] = "server.crt";
            settings["ssl_key_file"] = "server.key";
        }

        return string.Join(' ', settings.Select(setting => $"-c {setting.Key}={setting.Value}"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _binaries.RunAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // a server that never started, or already stopped
        }

        Directory.Delete(_folder, recursive: true);
    }
}
