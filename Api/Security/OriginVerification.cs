using System.Security.Cryptography;
using System.Text;
using Api.Secrets;

namespace Api.Security;

/// <summary>
/// CloudFront is the only way in: it adds <see cref="Header"/> with a secret value to every request it forwards, and a
/// request without it (such as one sent to the API Gateway URL directly) is refused before the Api does any work. The
/// value is read at run time from the secret Origin:SecretArn names, whose "current" and, during a rotation, "previous"
/// values are accepted; so the value rotates without a deploy of the Api. Without Origin:SecretArn (locally, in tests)
/// there is no CloudFront in front and nothing to check.
/// </summary>
public sealed partial class OriginVerification(RequestDelegate next, OriginSecret secret, IProblemDetailsService problems, ILogger<OriginVerification> logger)
{
    public const string Header = "X-Origin-Verify";
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        IReadOnlyList<byte[]> accepted;
        try
        {
            accepted = await secret.AcceptedValuesAsync(context.RequestAborted);
        }
        catch (SecretUnavailableException exception)
        {
            LogSecretUnavailable(exception);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", $"Try again in {RetryAfterSeconds} seconds.");
            return;
        }

        var presented = Encoding.UTF8.GetBytes(context.Request.Headers[Header].ToString());
        if (!accepted.Any(value => CryptographicOperations.FixedTimeEquals(value, presented)))
        {
            await WriteProblemAsync(context, StatusCodes.Status403Forbidden, "Not through the front door", "This API answers only through its CloudFront URL.");
            return;
        }

        // CloudFront's secret, not the caller's input: nothing further down sees it, logs included
        context.Request.Headers.Remove(Header);
        await next(context);
    }

    async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The origin secret could not be read; answering 503")]
    partial void LogSecretUnavailable(Exception exception);
}

/// <summary>The values of the origin secret, read through the secrets extension and kept for a short while.</summary>
public sealed class OriginSecret(SecretsExtensionClient extension, string secretArn, TimeProvider clock)
{
    public const string Setting = "Origin:SecretArn";
    static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(30);

    (IReadOnlyList<byte[]> Values, DateTimeOffset ReadAt)? _last;

    public async ValueTask<IReadOnlyList<byte[]>> AcceptedValuesAsync(CancellationToken cancellationToken)
    {
        if (_last is { } last && clock.GetUtcNow() - last.ReadAt < KeptFor)
            return last.Values;

        using var secret = await extension.ReadJsonAsync(secretArn, cancellationToken);
        var values = new List<byte[]>();
        foreach (var name in (string[])["current", "previous"])
        {
            if (secret.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } text)
                values.Add(Encoding.UTF8.GetBytes(text));
        }

        if (values.Count == 0)
            throw new SecretUnavailableException($"The origin secret {secretArn} has neither a current nor a previous value.");

        _last = (values, clock.GetUtcNow());
        return values;
    }
}

public static class OriginVerificationServices
{
    public static IHostApplicationBuilder AddOriginVerification(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[OriginSecret.Setting] is not { Length: > 0 } secretArn)
            return builder;

        builder.AddSecretsExtension(TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(services => new OriginSecret(
            services.GetRequiredService<SecretsExtensionClient>(), secretArn, services.GetRequiredService<TimeProvider>()));
        return builder;
    }

    /// <summary>The check, first of all, when the Api runs behind CloudFront.</summary>
    public static WebApplication UseOriginVerification(this WebApplication app)
    {
        if (app.Services.GetService<OriginSecret>() is not null)
            app.UseMiddleware<OriginVerification>();
        return app;
    }
}
