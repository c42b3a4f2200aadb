using Api;
using Api.Database;
using Api.Orders;

// `Api migrate` applies the schema and exits: deploys run it once before traffic moves
if (args is ["migrate", ..])
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
app.MapOpenApi();
app.MapDefaultEndpoints();

await app.RunAsync();
