using Api;
using Api.Database;
using Api.Orders;

// `Api migrate` applies the schema and exits; API_COMMAND=migrate selects the same command in the migration function,
// which the deploy invokes once before traffic moves (Database/MigrateCommand.cs)
if (MigrateCommand.IsRequested(args))
{
    await MigrateCommand.RunAsync(args);
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
