using System.Runtime.InteropServices;

namespace Orders.Local.Postgres;

/// <summary>
/// `postgres [--database NAME] [--tls FOLDER]`: a private server for a script. It prints the superuser's connection
/// string to the database (made when named) on one line, with a password made for the server, then serves until its standard input closes or it is told to
/// stop (SIGTERM, SIGINT), and removes the server. A script reads the line from a coprocess and closes its input when done.
/// </summary>
public static class PostgresCommand
{
    public const string Usage = "postgres [--database NAME] [--tls FOLDER-WITH-server.crt-AND-server.key]";

    public static async Task<int> RunAsync(string[] arguments)
    {
        string? database = null, tls = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            switch (arguments[i])
            {
                case "--database" when i + 1 < arguments.Length:
                    database = arguments[++i];
                    break;
                case "--tls" when i + 1 < arguments.Length:
                    tls = arguments[++i];
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {arguments[i]}. Usage: {Usage}");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

        await using var server = await PrivateServer.StartAsync(new PrivateServerOptions { TlsFolder = tls });
        var connectionString = database is null ? server.ConnectionString : await server.CreateDatabaseAsync(database);
        await Console.Out.WriteLineAsync(connectionString);
        await Console.Out.FlushAsync();

        var inputClosed = Task.Run(async () =>
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (await input.ReadAsync(buffer) > 0)
            {
            }
        });
        await Task.WhenAny(inputClosed, Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default));
        return 0;
    }
}
