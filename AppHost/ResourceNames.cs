namespace AppHost;

/// <summary>The names of the topology's resources, as the dashboard shows them and as tests ask for them.</summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Database = "appdb";
    public const string Migrations = "migrations";
    public const string Api = "api";
    public const string Lambda = "api-lambda";
    public const string Gateway = "api-gateway";
    public const string WebPackages = "web-packages";
    public const string Web = "web";

    /// <summary>The Lambda handler of an executable assembly is its name.</summary>
    public const string LambdaHandler = "Api";
}
