using System.Collections.Concurrent;

var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
var received = new ConcurrentDictionary<string, long>();

app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    received.AddOrUpdate($"{signal} requests", 1, (_, count) => count + 1);
    received.AddOrUpdate($"{signal} bytes", body.Length, (_, bytes) => bytes + body.Length);
    return Results.Bytes([], "application/x-protobuf");
});
app.MapGet("/received", () => received.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}: {entry.Value}"));

await app.RunAsync();
