namespace Delivery.Tests;

public sealed class ReleasedCommitTests : IAsyncLifetime
{
    readonly StandInWorld _world = new();
    readonly List<StandInWorld> _clones = [];
    ThrowawayRepository _repository = null!;
    string[] _commits = [];

    // four commits, oldest first; HEAD is the last
    public async ValueTask InitializeAsync()
    {
        _repository = await ThrowawayRepository.CreateAsync(_world);
        var commits = new List<string>();
        for (var number = 1; number <= 4; number++)
        {
            _repository.WriteMigration($"000{number}_step.sql", $"create table step_{number} (id int);\n");
            commits.Add(await _repository.CommitAsync($"step {number}"));
        }
        _commits = [.. commits];
    }

    public ValueTask DisposeAsync()
    {
        _world.Dispose();
        _clones.ForEach(clone => clone.Dispose());
        return ValueTask.CompletedTask;
    }

    async Task<string> ReleasedAsync(params string[] arguments)
    {
        var run = await _world.RunAsync("released-commit.sh", arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Output.Trim();
    }

    [Fact]
    public async Task An_environments_tag_comes_before_its_remote_branch_and_that_before_its_local_branch()
    {
        await _repository.BranchAsync("development", _commits[2]);
        Assert.Equal(_commits[2], await ReleasedAsync("development"));

        await _repository.RemoteBranchAsync("development", _commits[1]);
        Assert.Equal(_commits[1], await ReleasedAsync("development"));

        await _repository.TagAsync("released/development", _commits[0]);
        Assert.Equal(_commits[0], await ReleasedAsync("development"));
    }

    [Fact]
    public async Task Without_an_environment_production_comes_first_then_preproduction_then_development()
    {
        await _repository.TagAsync("released/development", _commits[2]);
        Assert.Equal(_commits[2], await ReleasedAsync());

        await _repository.RemoteBranchAsync("preproduction", _commits[1]);
        Assert.Equal(_commits[1], await ReleasedAsync());

        await _repository.TagAsync("released/production", _commits[0]);
        var run = await _world.RunAsync("released-commit.sh");
        Assert.Equal(_commits[0], run.Output.Trim());
        Assert.Contains("tag released/production", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Released_commit_names_it_whatever_the_history_records()
    {
        await _repository.TagAsync("released/production", _commits[0]);
        _world.Variables["RELEASED_COMMIT"] = "HEAD~1";

        Assert.Equal(_commits[2], await ReleasedAsync());
    }

    [Fact]
    public async Task A_clone_that_records_no_release_compares_with_the_parent_of_head_and_says_so()
    {
        _world.Variables["GITHUB_ACTIONS"] = "true";

        var run = await _world.RunAsync("released-commit.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(_commits[2], run.Output.Trim());
        Assert.Contains("WARNING: no release is recorded for production preproduction development", run.Error, StringComparison.Ordinal);
        Assert.Contains("comparing with HEAD^", run.Error, StringComparison.Ordinal);
        Assert.Contains("::warning title=No released commit::", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_without_a_release_falls_back_to_the_parent_of_head_though_another_has_one()
    {
        await _repository.TagAsync("released/development", _commits[0]);

        var run = await _world.RunAsync("released-commit.sh", "production");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(_commits[2], run.Output.Trim());
        Assert.Contains("WARNING: no release is recorded for production", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shallow_clone_without_a_release_fails_and_says_how_to_fetch_the_history()
    {
        var shallow = await ShallowCloneAsync();

        var run = await shallow.RunAsync("released-commit.sh");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Output);
        Assert.Contains("git fetch --unshallow --tags origin", run.Error, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_environment_is_refused()
    {
        var run = await _world.RunAsync("released-commit.sh", "staging");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("unknown environment 'staging'", run.Error, StringComparison.Ordinal);
    }

    // a world of its own whose repository has the last commit of this one's and nothing before it
    async Task<StandInWorld> ShallowCloneAsync()
    {
        var world = new StandInWorld();
        _clones.Add(world);
        var clone = await ThrowawayRepository.CreateAsync(world);
        await clone.GitAsync("fetch", "-q", "--depth", "1", new Uri(_repository.Root).AbsoluteUri, "main");
        await clone.GitAsync("checkout", "-q", "-B", "main", "FETCH_HEAD");
        Assert.Equal("true", await clone.GitAsync("rev-parse", "--is-shallow-repository"));
        return world;
    }
}
