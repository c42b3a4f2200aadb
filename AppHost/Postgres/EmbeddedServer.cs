namespace AppHost.Postgres;

/// <summary>The embedded PostgreSQL server the AppHost starts, as a resource with its logs and state on the dashboard.</summary>
public sealed class EmbeddedServer(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    EndpointReference? _endpoint;

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => _endpoint ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={Orders.Local.Postgres.DataFolder.Superuser};Password={PasswordParameter}");
}
