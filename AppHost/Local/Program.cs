using Orders.Local.Postgres;

// what scripts (.ci/run, bench/) share with the AppHost and the tests: `dotnet Orders.Local.dll <command> ...`
return args switch
{
    ["postgres", .. var rest] => await PostgresCommand.RunAsync(rest),
    _ => await Usage(),
};

static async Task<int> Usage()
{
    await Console.Error.WriteLineAsync($"Usage: Orders.Local <command>, one of\n  {PostgresCommand.Usage}");
    return 2;
}
