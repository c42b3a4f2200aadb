using Api;
using Api.Database;
using Api.Orders;

// `Api migrate` applies the schema and exits. In Lambda, API_COMMAND=migrate makes the same package the migration
// function that the deploy invokes once before traffic moves (Lambda/MigrationFunction.cs).
if (DatabaseServices.MigrationRequested(args))
{
    await DatabaseServices.MigrateAsync(args);
    return;
}

// the slim builder: what the Api uses and no more (no HTTPS or HTTP/3 set-up, no IIS, no host filtering), so the
// start, under Lambda after every scale-out, does only the work the Api needs
var builder = WebApplication.CreateSlimBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
// in Lambda, API Gateway's HTTP API events take Kestrel's place (Lambda/LambdaHosting.cs); elsewhere Kestrel serves
builder.Services.AddHttpApiLambdaHosting();

await using var app = builder.Build();

app.UseApplicationPipeline();
app.MapOrdersApi();
app.MapOpenApi().AllowAnonymous();
app.MapDefaultEndpoints();

await app.RunAsync();
