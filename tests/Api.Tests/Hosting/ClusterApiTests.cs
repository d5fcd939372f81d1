using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// <c>GET /v1/cluster</c>: any key with the read scope sees the silos; their activation counts, of every tenant's grains,
/// only the operator (an admin key of the operator tenant), as the dashboard.
/// </summary>
public sealed class ClusterApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_operator_sees_the_activation_counts_and_any_other_key_the_silos_without_them()
    {
        var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "studio-c", plan = "pro" })).StatusCode);
        var others = new List<HttpClient>();
        foreach (var (tenant, scopes) in new[] { ("studio-c", "read"), ("studio-c", "admin"), ("admin", "read") })
        {
            var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync($"/v1/tenants/{tenant}/keys", new { name = "watcher", scopes }));
            others.Add(factory.CreateClient(issued["token"]!.GetValue<string>()));
        }

        var operatorSilo = await LocalSiloAsync(admin);
        // Before, a tenant's read key saw every tenant's grains counted: another tenant's session moved its session count.
        foreach (var other in others)
        {
            var silo = await LocalSiloAsync(other);
            Assert.Equal(["roles", "siloId", "startedAt", "status"], silo.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal(operatorSilo["siloId"]!.GetValue<string>(), silo["siloId"]!.GetValue<string>());
        }

        Assert.True(operatorSilo["totalActivations"]!.GetValue<int>() > 0);
        Assert.Contains("tenant", operatorSilo["activationsByGrainType"]!.AsObject().Select(t => t.Key));
    }

    private static async Task<JsonNode> LocalSiloAsync(HttpClient client)
    {
        var response = await client.GetAsync("/v1/cluster");
        Assert.Equal(200, (int)response.StatusCode);
        return (await ApiJson.ReadAsync(response))["silos"]![0]!;
    }
}
