using CliWrap;
using CliWrap.Buffered;

namespace Delivery.Tests;

/// <summary>
/// A git repository made for one test in a stand-in world's folder, where the world runs the scripts: commits of
/// migrations, tags and branches, as the history of a project that has released some of them.
/// </summary>
public sealed class ThrowawayRepository
{
    public const string Migrations = "Api/Database/Migrations";

    readonly StandInWorld _world;

    ThrowawayRepository(StandInWorld world) => _world = world;

    public string Root => _world.PathOf("");

    /// <summary>An empty repository on branch main; RELEASED_COMMIT of the machine does not reach the scripts.</summary>
    public static async Task<ThrowawayRepository> CreateAsync(StandInWorld world)
    {
        world.Variables["RELEASED_COMMIT"] = null;
        var repository = new ThrowawayRepository(world);
        await repository.GitAsync("init", "-q", "-b", "main");
        return repository;
    }

    public void WriteMigration(string name, string sql)
    {
        Directory.CreateDirectory(Path.Combine(Root, Migrations));
        File.WriteAllText(Path.Combine(Root, Migrations, name), sql);
    }

    public void DeleteMigration(string name) => File.Delete(Path.Combine(Root, Migrations, name));

    /// <summary>Commits the migrations as they are and returns the commit's ID.</summary>
    public async Task<string> CommitAsync(string message)
    {
        await GitAsync("add", "-A", "--", Migrations);
        await GitAsync("commit", "-q", "--allow-empty", "-m", message);
        return await GitAsync("rev-parse", "HEAD");
    }

    /// <summary>An annotated tag, as a deploy writes released/&lt;environment&gt;.</summary>
    public Task TagAsync(string name, string commit) => GitAsync("tag", "-a", name, "-m", $"{name}: the last commit that landed", commit);

    public Task BranchAsync(string name, string commit) => GitAsync("branch", "-f", name, commit);

    /// <summary>A branch as a clone sees its remote's: origin/&lt;name&gt;.</summary>
    public Task RemoteBranchAsync(string name, string commit) => GitAsync("update-ref", $"refs/remotes/origin/{name}", commit);

    /// <summary>Runs git in the repository (as a test author, whatever the machine's settings) and returns its output.</summary>
    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await Cli.Wrap("git")
            .WithArguments(["-c", "user.name=Delivery Tests", "-c", "user.email=delivery-tests@example.com", "-c", "commit.gpgsign=false",
                "-c", "tag.gpgsign=false", .. arguments])
            .WithWorkingDirectory(Root)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        return result.IsSuccess
            ? result.StandardOutput.Trim()
            : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}");
    }
}
