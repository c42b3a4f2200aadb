using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Api.Http;

/// <summary>When the database cannot be reached, says so at once with 503 and when to try again, instead of a 500.</summary>
public sealed partial class DatabaseUnavailableHandler(
    IProblemDetailsService problems, NpgsqlDataSource dataSource, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
            return false;

        LogUnavailable(exception);
        if (exception is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction })
            dataSource.Clear();
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // answered, with a problem when the client accepts one and with the bare status when it does not
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The database is not reachable right now. Try again in {RetryAfterSeconds} seconds; retry a new order with the same Idempotency-Key.",
            },
        });
        return true;
    }

    static bool IsUnavailable(Exception exception) => exception switch
    {
        // a password that was just rotated is refused until the new one is read: as unreachable as a database can be
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => true,
        // after a failover, pooled connections still talk to the old writer, now a reader; they are dropped above
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => true,
        PostgresException postgres => postgres.IsTransient,
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable; answering 503")]
    partial void LogUnavailable(Exception exception);
}
