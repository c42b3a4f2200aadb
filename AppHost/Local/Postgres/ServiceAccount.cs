using CliWrap;
using CliWrap.Buffered;

namespace Orders.Local.Postgres;

/// <summary>
/// The account PostgreSQL runs as when local runs are root, which PostgreSQL refuses: the postgres account, made as a
/// system account without a login when the machine has none (as the distributions' server packages make it).
/// </summary>
public static class ServiceAccount
{
    public const string Name = "postgres";

    /// <summary>Null when this process is not root; else the account, made if it is missing.</summary>
    public static async Task<string?> EnsureAsync(CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess || OperatingSystem.IsWindows())
            return null;
        if (await SucceedsAsync("id", ["-u", Name], cancellationToken))
            return Name;

        // a group of the name may outlive an account removed before (userdel keeps a group that others share)
        string[] group = await SucceedsAsync("getent", ["group", Name], cancellationToken) ? ["--gid", Name] : ["--user-group"];
        var add = await Cli.Wrap("useradd")
            .WithArguments(["--system", .. group, "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", Name])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        // another process may have made it in the meantime
        return add.IsSuccess || await SucceedsAsync("id", ["-u", Name], cancellationToken)
            ? Name
            : throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root, and there is no '{Name}' account to run it as, nor could one be made " +
                $"(useradd: {add.StandardError.Trim()}). Make one, or run as another user.");
    }

    static async Task<bool> SucceedsAsync(string file, string[] arguments, CancellationToken cancellationToken) =>
        (await Cli.Wrap(file).WithArguments(arguments).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken)).IsSuccess;
}
