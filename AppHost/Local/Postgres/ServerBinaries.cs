using CliWrap;
using CliWrap.Buffered;

namespace Orders.Local.Postgres;

/// <summary>
/// PostgreSQL's server programs (postgres, initdb, pg_ctl) in <see cref="Directory"/>, and the account they run as:
/// PostgreSQL refuses to run as root, so as root they run as <see cref="RunAs"/>.
/// </summary>
public sealed record ServerBinaries(string Directory, int Major, string? RunAs)
{
    /// <summary>A program of these binaries as a command line: under <see cref="RunAs"/> when there is one.</summary>
    public (string File, string[] Arguments) CommandLine(string program, params string[] arguments)
    {
        var path = Path.Combine(Directory, OperatingSystem.IsWindows() ? $"{program}.exe" : program);
        // setpriv becomes the program rather than staying its parent, so signals reach the program itself
        return RunAs is null
            ? (path, arguments)
            : ("setpriv", [$"--reuid={RunAs}", $"--regid={RunAs}", "--init-groups", "--", path, .. arguments]);
    }

    /// <summary>Runs a program to its end; throws with what it said when it fails.</summary>
    public async Task<string> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var (file, commandArguments) = CommandLine(program, arguments);
        var result = await Cli.Wrap(file).WithArguments(commandArguments).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        return result.IsSuccess
            ? result.StandardOutput
            : throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}{(RunAs is null ? "" : $" (as {RunAs})")}: " +
                $"{result.StandardError.Trim()} {result.StandardOutput.Trim()}".Trim());
    }

    /// <summary>Gives <see cref="RunAs"/> the paths, which the server must own; nothing to do without one.</summary>
    public async Task GiveAsync(CancellationToken cancellationToken, params string[] paths)
    {
        if (RunAs is null)
            return;
        var result = await Cli.Wrap("chown").WithArguments([$"{RunAs}:", .. paths]).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (!result.IsSuccess)
            throw new InvalidOperationException($"Could not give {string.Join(", ", paths)} to the account {RunAs}: {result.StandardError.Trim()}");
    }
}
