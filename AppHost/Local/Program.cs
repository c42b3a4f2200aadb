using Orders.Local.Postgres;
using Orders.Local.Tokens;

// what scripts (.ci/run, bench/) share with the AppHost and the tests: `dotnet Orders.Local.dll <command> ...`
return args switch
{
    ["postgres", .. var rest] => await PostgresCommand.RunAsync(rest),
    ["sql", .. var rest] => await SqlCommand.RunAsync(rest),
    ["token", .. var rest] => await TokenCommand.RunAsync(rest),
    _ => await Usage(),
};

static async Task<int> Usage()
{
    await Console.Error.WriteLineAsync($"Usage: Orders.Local <command>, one of\n  {PostgresCommand.Usage}\n  {SqlCommand.Usage}\n  {TokenCommand.Usage}");
    return 2;
}
