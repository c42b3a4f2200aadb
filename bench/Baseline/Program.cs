using Baseline;

// the bare baseline: the orders endpoints on Npgsql, no token, no telemetry
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddOrders(builder.Configuration);

var app = builder.Build();
app.MapOrders();
await app.RunAsync();
