using Microsoft.Extensions.Options;
using Npgsql;

namespace Api.Database;

/// <summary>
/// Where the Api's database is and whom it logs in as: the section Database, the same keys in every environment
/// (Database__Host and so on as environment variables). Terraform writes them for the functions in AWS, the AppHost
/// from whichever PostgreSQL it found, the tests and scripts from theirs. The password is given, or read from
/// Secrets Manager when SecretArn names the secret.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Seconds a new connection may take, unless <see cref="ConnectTimeout"/> says otherwise.</summary>
    public const int DefaultConnectTimeout = 5;

    /// <summary>The server's name or address.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 5432;

    /// <summary>The database on the server.</summary>
    public string Name { get; set; } = "";

    /// <summary>Whom to log in as: the Api's own role unless told otherwise; the migrations are told the schema's owner.</summary>
    public string Username { get; set; } = ApiRole.Name;

    /// <summary>The password, where there is no secret to read it from (locally, in tests).</summary>
    public string? Password { get; set; }

    /// <summary>The Secrets Manager secret ({"password": ...}) with the password, read on every new connection (in AWS).</summary>
    public string? SecretArn { get; set; }

    /// <summary>Npgsql's own default; the functions in AWS verify the server's certificate (VerifyFull).</summary>
    public SslMode SslMode { get; set; } = SslMode.Prefer;

    /// <summary>The certificate authorities the server's certificate is verified with, relative to the Api's folder.</summary>
    public string? RootCertificate { get; set; }

    /// <summary>Seconds a new connection may take: a database that is away fails the request fast instead of holding it.</summary>
    public int ConnectTimeout { get; set; } = DefaultConnectTimeout;

    /// <summary>Seconds a command may take: well under API Gateway's 30 s, so a stalled database answers 503, not 504.</summary>
    public int CommandTimeout { get; set; } = 10;

    /// <summary>The migrate command only: the password it lets the Api's role log in with.</summary>
    public string? ApiPassword { get; set; }

    /// <summary>The migrate command only: the secret with the password it lets the Api's role log in with (in AWS).</summary>
    public string? ApiSecretArn { get; set; }

    /// <summary>A setting's configuration key, such as Database:Host.</summary>
    public static string Key(string property) => $"{Section}:{property}";

    /// <summary><see cref="RootCertificate"/> as a path: the Lambda package carries the RDS bundle beside the Api.</summary>
    public string? RootCertificatePath =>
        string.IsNullOrWhiteSpace(RootCertificate) ? null : Path.Combine(AppContext.BaseDirectory, RootCertificate);
}

/// <summary>Checks the settings as the host starts, so a wrong one stops it with its name rather than failing every request.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.Host, nameof(DatabaseOptions.Host), "the name or address of the PostgreSQL server");
        Require(failures, options.Name, nameof(DatabaseOptions.Name), "the database on that server");
        Require(failures, options.Username, nameof(DatabaseOptions.Username), "the role to log in as");
        if (options.Port is < 1 or > 65535)
            failures.Add($"{DatabaseOptions.Key(nameof(DatabaseOptions.Port))} is {options.Port}; a port is 1 to 65535.");
        AtMostOne(failures, options.Password, nameof(DatabaseOptions.Password), options.SecretArn, nameof(DatabaseOptions.SecretArn));
        AtMostOne(failures, options.ApiPassword, nameof(DatabaseOptions.ApiPassword), options.ApiSecretArn, nameof(DatabaseOptions.ApiSecretArn));
        RequireArn(failures, options.SecretArn, nameof(DatabaseOptions.SecretArn));
        RequireArn(failures, options.ApiSecretArn, nameof(DatabaseOptions.ApiSecretArn));
        if (options.RootCertificatePath is { } certificate && !File.Exists(certificate))
            failures.Add($"{DatabaseOptions.Key(nameof(DatabaseOptions.RootCertificate))} names {certificate}, which does not exist.");
        if (options.ConnectTimeout < 1)
            failures.Add($"{DatabaseOptions.Key(nameof(DatabaseOptions.ConnectTimeout))} is {options.ConnectTimeout}; it is at least 1 second.");
        if (options.CommandTimeout < 1)
            failures.Add($"{DatabaseOptions.Key(nameof(DatabaseOptions.CommandTimeout))} is {options.CommandTimeout}; it is at least 1 second.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void Require(List<string> failures, string value, string property, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            failures.Add($"{DatabaseOptions.Key(property)} is not set: {what} (the environment variable {DatabaseOptions.Section}__{property}).");
    }

    static void AtMostOne(List<string> failures, string? first, string firstProperty, string? second, string secondProperty)
    {
        if (!string.IsNullOrEmpty(first) && !string.IsNullOrEmpty(second))
            failures.Add($"{DatabaseOptions.Key(firstProperty)} and {DatabaseOptions.Key(secondProperty)} are both set; give the password or the secret that holds it, not both.");
    }

    static void RequireArn(List<string> failures, string? value, string property)
    {
        if (!string.IsNullOrEmpty(value) && !value.StartsWith("arn:", StringComparison.Ordinal))
            failures.Add($"{DatabaseOptions.Key(property)} is '{value}'; it is the ARN of a Secrets Manager secret (arn:aws:secretsmanager:...).");
    }
}
