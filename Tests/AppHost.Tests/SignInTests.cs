using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AppHost.Tests;

/// <summary>Signing in locally, as a developer does with the dashboard's tokens, and the Api's least-privileged database role.</summary>
[Collection(LocalTopology.Collection)]
public sealed class SignInTests(LocalTopology topology)
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboards_tokens_sign_in_a_customer_who_orders_and_pays_and_staff_who_ship()
    {
        var customer = Client(await ParameterAsync("customer-token"));
        var staff = Client(await ParameterAsync("staff-token"));

        using var placed = await customer.PostAsJsonAsync("api/orders", new JsonObject
        {
            ["currency"] = "EUR",
            ["lines"] = new JsonArray(new JsonObject { ["sku"] = "LOCAL-1", ["quantity"] = 1, ["unitPrice"] = 5m }),
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = (await placed.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal(LocalSignIn.Customer, (string)order["customerId"]!);

        using var paid = await customer.PostAsync($"api/orders/{order["id"]}/pay", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        using var shipped = await staff.PostAsync($"api/orders/{order["id"]}/ship", null, Cancel);
        Assert.Equal("shipped", (string)(await shipped.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["status"]!);
    }

    [Fact]
    public async Task The_api_connects_as_its_own_role_which_may_not_change_the_schema()
    {
        // the environment the Api process was started with, as the dashboard shows it: it names no user, so the Api logs
        // in as the role its code names, which the migrations made
        Assert.True(topology.App.ResourceNotifications.TryGetCurrentState(ResourceNames.Api, out var api), "The api resource has no state.");
        Assert.DoesNotContain(api.Snapshot.EnvironmentVariables, variable => variable.Name == "Database__Username");

        // a probe that asks the database, so the Api holds a connection the server can be asked about
        using (var probe = new HttpClient { BaseAddress = ((Orders.Scenarios.UrlTarget)topology.Api).Root })
        using (var health = await probe.GetAsync("health", Cancel))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        // asked of the server, as the owner, rather than tried: a refused statement would be an ERROR in the log the topology shares
        await using var connection = new NpgsqlConnection(await topology.App.GetConnectionStringAsync(ResourceNames.Database, Cancel));
        await connection.OpenAsync(Cancel);
        await using var rights = new NpgsqlCommand(
            """
            select usename, pg_get_userbyid(relowner) = usename, has_schema_privilege(usename, 'public', 'create'), has_table_privilege(usename, 'orders', 'delete')
            from (select distinct usename from pg_stat_activity where datname = current_database() and usename <> current_user) as api, pg_class
            where pg_class.oid = 'orders'::regclass
            """,
            connection);
        var roles = new List<(string Name, bool Owns, bool Creates, bool Deletes)>();
        await using (var reader = await rights.ExecuteReaderAsync(Cancel))
        {
            while (await reader.ReadAsync(Cancel))
                roles.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        }

        var role = Assert.Single(roles);
        Assert.False(role.Owns, $"The Api's role {role.Name} owns the orders table, so it could drop or alter it.");
        Assert.False(role.Creates, $"The Api's role {role.Name} may create tables.");
        Assert.False(role.Deletes, $"The Api's role {role.Name} may delete orders.");
    }

    async Task<string> ParameterAsync(string name)
    {
        var parameter = topology.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>()
            .Single(resource => resource.Name == name);
        return await parameter.GetValueAsync(Cancel) ?? throw new InvalidOperationException($"The parameter {name} has no value.");
    }

    HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = ((Orders.Scenarios.UrlTarget)topology.Api).Root };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
