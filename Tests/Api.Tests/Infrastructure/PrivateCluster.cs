using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Api.Tests.Infrastructure;

/// <summary>A PostgreSQL cluster in a temporary folder on a free loopback port, removed again when disposed.</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    public const string BinariesVariable = "POSTGRES_BIN_DIR";
    const string Missing =
        $"No PostgreSQL for the tests: set {PostgresServer.ConnectionVariable} to a server where the user may create databases, " +
        "or install the PostgreSQL server binaries (Debian and Ubuntu: apt-get install postgresql) so the tests can start a private one.";

    readonly string _bin;
    readonly string _folder;
    readonly string? _runAs;
    int _port;

    PrivateCluster(string bin, string folder, string? runAs, int port)
    {
        _bin = bin;
        _folder = folder;
        _runAs = runAs;
        _port = port;
    }

    // the cluster checks passwords on TCP, as real servers do, so tests can prove which credentials the Api uses
    const string SuperuserPassword = "orders-tests";

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Password={SuperuserPassword};Database=postgres;Timeout=5";

    string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PrivateCluster> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(Missing);
        // PostgreSQL refuses to run as root; as root the cluster belongs to the postgres account instead
        string? runAs = null;
        if (Environment.UserName == "root")
        {
            if (await RunAsync("id", ["-u", "postgres"], throwOnFailure: false) is not { ExitCode: 0 })
                throw new InvalidOperationException($"{Missing} (The tests run as root, and there is no 'postgres' account to run a private cluster under.)");
            runAs = "postgres";
        }

        var folder = Directory.CreateTempSubdirectory("orders-tests-pg-").FullName;
        if (runAs is not null && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);

        var cluster = new PrivateCluster(bin, folder, runAs, FreePort());
        try
        {
            await cluster.InitAsync();
            await cluster.StartServerAsync();
            return cluster;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    async Task InitAsync()
    {
        var passwordFile = Path.Combine(_folder, "superuser-password");
        await File.WriteAllTextAsync(passwordFile, SuperuserPassword);
        await RunPostgresToolAsync("initdb",
        [
            "-D", DataFolder, "-U", "postgres", "--pwfile", passwordFile,
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync",
        ]);
    }

    async Task StartServerAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // another process may have taken the port between choosing and binding it
                _port = FreePort();
            }
        }
    }

    async Task StartOnceAsync()
    {
        await RunPostgresToolAsync("pg_ctl",
        [
            "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "30",
            "-o", $"-p {_port} -h 127.0.0.1 -k {_folder} -F -c max_connections=300", "start",
        ]);
    }

    public async ValueTask DisposeAsync()
    {
        await RunPostgresToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], throwOnFailure: false);
        Directory.Delete(_folder, recursive: true);
    }

    Task<ProcessOutcome> RunPostgresToolAsync(string tool, string[] arguments, bool throwOnFailure = true)
    {
        var path = Path.Combine(_bin, tool);
        return _runAs is null
            ? RunAsync(path, arguments, throwOnFailure)
            : RunAsync("runuser", ["-u", _runAs, "--", path, .. arguments], throwOnFailure);
    }

    static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinariesVariable) is { Length: > 0 } given)
            candidates.Add(given);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(dir => Path.Combine(dir, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    static int VersionOf(string folder) => int.TryParse(Path.GetFileName(folder), out var version) ? version : 0;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    sealed record ProcessOutcome(int ExitCode, string Output);

    static async Task<ProcessOutcome> RunAsync(string file, string[] arguments, bool throwOnFailure)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(budget.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish within 60 seconds.");
        }

        var outcome = new ProcessOutcome(process.ExitCode, await output + await error);
        if (throwOnFailure && outcome.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed with exit code {outcome.ExitCode}: {outcome.Output}");
        return outcome;
    }
}
