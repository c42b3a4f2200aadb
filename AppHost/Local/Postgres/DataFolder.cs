using System.Globalization;

namespace Orders.Local.Postgres;

/// <summary>A PostgreSQL data folder: made by initdb on first use, and afterwards used as it is if its version fits.</summary>
public static class DataFolder
{
    /// <summary>The user initdb makes, who owns every database of the folder.</summary>
    public const string Superuser = "postgres";

    /// <summary>True when the folder holds a data folder already; throws when it holds anything else, or another major version's.</summary>
    public static async Task<bool> IsReadyAsync(string folder, ServerBinaries binaries)
    {
        var versionFile = Path.Combine(folder, "PG_VERSION");
        if (File.Exists(versionFile))
        {
            var version = (await File.ReadAllTextAsync(versionFile)).Trim();
            return version == binaries.Major.ToString(CultureInfo.InvariantCulture)
                ? true
                : throw new InvalidOperationException(
                    $"The PostgreSQL data folder {folder} was made by PostgreSQL {version}, and the server is PostgreSQL {binaries.Major}: " +
                    "a data folder serves only the major version that made it. Choose another folder, or remove that one.");
        }

        return Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()
            ? throw new InvalidOperationException($"{folder} is neither empty nor a PostgreSQL data folder. Empty it, or choose another folder.")
            : false;
    }

    /// <summary>
    /// Makes the data folder with initdb: TCP connections need the superuser's password (as a real server's do), and
    /// a <paramref name="throwaway"/> folder skips syncing to disk.
    /// </summary>
    public static async Task InitializeAsync(string folder, ServerBinaries binaries, string password, bool throwaway, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
            await binaries.GiveAsync(cancellationToken, folder, passwordFile);
            string[] arguments =
            [
                "-D", folder, "-U", Superuser, $"--pwfile={passwordFile}", "--auth-host=scram-sha-256", "--auth-local=scram-sha-256",
                "-E", "UTF8", "--no-locale", .. throwaway ? new[] { "--no-sync" } : [],
            ];
            await binaries.RunAsync("initdb", arguments, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}
