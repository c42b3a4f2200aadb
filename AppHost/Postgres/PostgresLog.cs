using Microsoft.Extensions.Logging;

namespace AppHost.Postgres;

static partial class PostgresLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL for {Database} comes from {Source}: {Reason}.")]
    public static partial void ChoseSource(this ILogger logger, string database, PostgresSource source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the data folder {Folder}.")]
    public static partial void UsingDataFolder(this ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating the data folder {Folder} with initdb.")]
    public static partial void CreatingDataFolder(this ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the database {Database}.")]
    public static partial void CreatedDatabase(this ILogger logger, string database);
}
