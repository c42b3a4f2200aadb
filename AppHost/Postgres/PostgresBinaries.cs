using System.Globalization;
using System.Text.RegularExpressions;

namespace AppHost.Postgres;

/// <summary>
/// The PostgreSQL server programs on this machine, and the account they run under: PostgreSQL refuses to run as root,
/// so as root they run as the postgres account that the server packages create.
/// </summary>
public sealed partial record PostgresBinaries(string Directory, int MajorVersion, string? RunAs)
{
    public const string ServiceAccount = "postgres";
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    /// <summary>The binaries in Postgres:BinDirectory, or else the newest found in the usual places; null says why not.</summary>
    public static PostgresBinaries? Find(PostgresSettings settings, out string whyNot)
    {
        var directory = Candidates(settings).FirstOrDefault(candidate =>
            File.Exists(Path.Combine(candidate, "postgres")) && File.Exists(Path.Combine(candidate, "initdb")));
        if (directory is null)
        {
            whyNot = settings.BinDirectory is null
                ? "no PostgreSQL server binaries (postgres, initdb) were found in /usr/lib/postgresql/*/bin or on PATH"
                : $"{PostgresSettings.Section}:BinDirectory is '{settings.BinDirectory}', which holds no postgres and initdb";
            return null;
        }

        var version = ExternalCommand.Run(Path.Combine(directory, "postgres"), ["--version"], Budget);
        if (VersionPattern().Match(version.Output) is not { Success: true } match)
        {
            whyNot = $"{Path.Combine(directory, "postgres")} --version did not tell its version: {version.Complaint}";
            return null;
        }

        string? runAs = null;
        if (Environment.IsPrivilegedProcess)
        {
            if (!ExternalCommand.Run("id", ["-u", ServiceAccount], Budget).Succeeded)
            {
                whyNot = $"the AppHost runs as root, which PostgreSQL refuses, and there is no '{ServiceAccount}' account to run it as";
                return null;
            }

            runAs = ServiceAccount;
        }

        whyNot = "";
        return new PostgresBinaries(directory, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), runAs);
    }

    /// <summary>A program of these binaries as a command line: under the service account when the AppHost is root.</summary>
    public (string File, string[] Arguments) CommandLine(string program, params string[] arguments)
    {
        var path = Path.Combine(Directory, program);
        // setpriv becomes the program rather than staying its parent, so signals reach the program itself
        return RunAs is null
            ? (path, arguments)
            : ("setpriv", [$"--reuid={RunAs}", $"--regid={RunAs}", "--init-groups", "--", path, .. arguments]);
    }

    public Task<ExternalCommand> RunAsync(string program, string[] arguments, TimeSpan budget)
    {
        var (file, commandArguments) = CommandLine(program, arguments);
        return ExternalCommand.RunAsync(file, commandArguments, budget);
    }

    static IEnumerable<string> Candidates(PostgresSettings settings)
    {
        if (settings.BinDirectory is not null)
            return [settings.BinDirectory];

        var packaged = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var major) ? major : 0)
                .Select(folder => Path.Combine(folder, "bin"))
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return packaged.Concat(onPath);
    }

    [GeneratedRegex(@"PostgreSQL\)?\s+(\d+)")]
    private static partial Regex VersionPattern();
}
