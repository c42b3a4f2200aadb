using Api;
using Api.Database;
using Api.Orders;

// `Api migrate` applies the schema and exits; in Lambda the same package with API_COMMAND=migrate is the migration
// function the deploy invokes once before traffic moves
if (DatabaseServices.MigrationRequested(args))
{
    await DatabaseServices.MigrateAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

await using var app = builder.Build();

app.UseApplicationPipeline();
app.MapOrdersApi();
app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();

await app.RunAsync();
