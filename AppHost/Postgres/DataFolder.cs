using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AppHost.Postgres;

/// <summary>The data folder of the local PostgreSQL server: made with initdb on the first run, then used as it is.</summary>
public static class DataFolder
{
    static readonly TimeSpan InitdbBudget = TimeSpan.FromMinutes(2);

    public static async Task PrepareAsync(string folder, PostgresBinaries binaries, string password, ILogger log)
    {
        var versionFile = Path.Combine(folder, "PG_VERSION");
        if (File.Exists(versionFile))
        {
            var version = (await File.ReadAllTextAsync(versionFile)).Trim();
            if (version != binaries.MajorVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new DistributedApplicationException(
                    $"The PostgreSQL data folder {folder} was made by PostgreSQL {version}, and the binaries in {binaries.Directory} are " +
                    $"PostgreSQL {binaries.MajorVersion}. Point {PostgresSettings.Section}:BinDirectory at PostgreSQL {version}'s, or " +
                    $"{PostgresSettings.Section}:DataFolder at another folder.");
            }

            log.UsingDataFolder(folder);
            return;
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new DistributedApplicationException(
                $"{folder} is neither empty nor a PostgreSQL data folder. Empty it, or set {PostgresSettings.Section}:DataFolder to another folder.");
        }

        log.CreatingDataFolder(folder);
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var passwordFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(passwordFile, password);
            if (binaries.RunAs is not null)
                await GiveAsync(binaries.RunAs, folder, passwordFile);

            var initdb = await binaries.RunAsync("initdb",
            [
                "-D", folder, "-U", LocalPostgresServer.UserName, $"--pwfile={passwordFile}",
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--no-locale",
            ], InitdbBudget);
            foreach (var line in initdb.Output.Split('\n'))
                log.Initdb(line);
            if (!initdb.Succeeded)
            {
                throw new DistributedApplicationException(
                    $"initdb could not make the PostgreSQL data folder {folder}: {initdb.Complaint} " +
                    (binaries.RunAs is null ? "" : $"(It runs as {binaries.RunAs}, who must be able to reach that folder.) ") +
                    $"Set {PostgresSettings.Section}:DataFolder to a folder it can write to.");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    // as root the server runs as its own account, which must own its folder and read the password it starts with
    static async Task GiveAsync(string account, params string[] paths)
    {
        var chown = await ExternalCommand.RunAsync("chown", [$"{account}:", .. paths], TimeSpan.FromSeconds(10));
        if (!chown.Succeeded)
            throw new DistributedApplicationException($"Could not give {string.Join(", ", paths)} to the account {account}: {chown.Complaint}");
    }
}
