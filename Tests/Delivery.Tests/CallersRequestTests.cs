using ScenarioCallers;

namespace Delivery.Tests;

/// <summary>The arguments of scenario-callers.sh, read in-process: what each asks for, and what the usage refuses.</summary>
public sealed class CallersRequestTests
{
    static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    static CallersRequest Parse(string arguments, Dictionary<string, string>? environment = null) =>
        CallersRequest.Parse(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            name => environment?.GetValueOrDefault(name), new FixedClock(Now));

    [Fact]
    public void Create_reads_every_option()
    {
        Assert.Equal(
            new CreateRequest("pool", "client", 200, "out/callers.json", Staff: false, "4711-2"),
            Parse("create --user-pool-id pool --client-id client --customers 200 --output out/callers.json --staff 0 --run-id 4711-2"));
    }

    [Fact]
    public void Create_makes_a_member_of_staff_unless_told_otherwise()
    {
        var create = Assert.IsType<CreateRequest>(Parse("create --user-pool-id pool --client-id client --customers 3 --output callers.json --run-id r1"));

        Assert.True(create.Staff);
    }

    [Fact]
    public void Without_a_run_id_create_names_the_run_after_the_github_run_and_its_attempt()
    {
        var create = Assert.IsType<CreateRequest>(Parse("create --user-pool-id pool --client-id client --customers 3 --output callers.json",
            new() { ["GITHUB_RUN_ID"] = "4711", ["GITHUB_RUN_ATTEMPT"] = "2" }));

        Assert.Equal("4711-2", create.RunId);
    }

    [Fact]
    public void A_github_run_without_an_attempt_is_its_first()
    {
        var create = Assert.IsType<CreateRequest>(Parse("create --user-pool-id pool --client-id client --customers 3 --output callers.json",
            new() { ["GITHUB_RUN_ID"] = "4711" }));

        Assert.Equal("4711-1", create.RunId);
    }

    [Fact]
    public void Outside_github_actions_the_run_is_named_after_the_time_in_utc()
    {
        var create = Assert.IsType<CreateRequest>(Parse("create --user-pool-id pool --client-id client --customers 3 --output callers.json"));

        Assert.Equal("20250304050607", create.RunId);
    }

    [Fact]
    public void Remove_reads_the_pool_and_the_run()
    {
        Assert.Equal(new RemoveRequest("pool", "4711-2"), Parse("remove --user-pool-id pool --run-id 4711-2"));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_asks_for_the_usage(string arguments)
    {
        Assert.IsType<HelpRequest>(Parse(arguments));
    }

    [Theory]
    [InlineData("", "give a command, create or remove")]
    [InlineData("delete --user-pool-id pool --run-id r1", "unknown command 'delete'")]
    [InlineData("create pool", "unexpected argument 'pool'")]
    [InlineData("create --client-id client --customers 3 --output callers.json", "--user-pool-id is missing")]
    [InlineData("create --user-pool-id pool --customers 3 --output callers.json", "--client-id is missing")]
    [InlineData("create --user-pool-id pool --client-id client --customers 3", "--output is missing")]
    [InlineData("create --user-pool-id pool --client-id client --output callers.json", "--customers must be a number from 1 to 9999, not ''")]
    [InlineData("create --user-pool-id pool --client-id client --customers many --output callers.json", "not 'many'")]
    [InlineData("create --user-pool-id pool --client-id client --customers 0 --output callers.json", "not '0'")]
    [InlineData("create --user-pool-id pool --client-id client --customers 10000 --output callers.json", "not '10000'")]
    [InlineData("create --user-pool-id pool --client-id client --customers 3 --output callers.json --staff 2", "--staff is 0 or 1, not '2'")]
    [InlineData("create --user-pool-id pool --client-id client --customers 3 --output callers.json --run-id r1\"", "--run-id may hold letters")]
    [InlineData("create --user-pool-id pool --client-id client --customers 3 --output callers.json --run-id -r1", "--run-id may hold letters")]
    [InlineData("remove --user-pool-id pool", "--run-id is missing: remove deletes the users of one run only")]
    [InlineData("remove --user-pool-id pool --run-id r1 --customers 3", "remove takes no --customers")]
    [InlineData("remove --user-pool-id pool --run-id", "--run-id needs a value")]
    public void Arguments_the_usage_does_not_allow_are_refused_with_the_reason(string arguments, string reason)
    {
        var refused = Assert.Throws<UsageException>(() => Parse(arguments));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_id_longer_than_64_characters_is_refused()
    {
        Assert.Throws<UsageException>(() => Parse($"remove --user-pool-id pool --run-id {new string('a', 65)}"));
        Assert.IsType<RemoveRequest>(Parse($"remove --user-pool-id pool --run-id {new string('a', 64)}"));
    }

    [Fact]
    public async Task Wrong_arguments_show_the_reason_and_the_usage_and_exit_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CallersCommand.RunAsync(["create", "--user-pool-id", "pool"], _ => null, new FixedClock(Now),
            new CommandLog(output, error, MasksSecrets: false), TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.StartsWith($"{CallersCommand.Name}: --client-id is missing", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(CallersCommand.Usage, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task Help_shows_the_usage_and_exits_0()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CallersCommand.RunAsync(["--help"], _ => null, new FixedClock(Now),
            new CommandLog(output, error, MasksSecrets: false), TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(CallersCommand.Usage, output.ToString().TrimEnd());
        Assert.Empty(error.ToString());
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
