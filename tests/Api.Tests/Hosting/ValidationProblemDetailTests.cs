using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// A validation problem's detail says what is wrong: its errors' messages, in field order, as the sessions and compute
/// endpoints gave it. The tenants, ingest and recommendations endpoints answered the title again ("One or more
/// validation errors occurred."), and only <c>errors</c> had the reason.
/// </summary>
public sealed class ValidationProblemDetailTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_validation_problem_s_detail_is_the_messages_of_its_errors()
    {
        using var client = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await client.PostAsJsonAsync("/v1/tenants", new { id = "detailed" })).StatusCode);
        var tar = new ByteArrayContent(new byte[1024]);
        tar.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");

        var answers = new[]
        {
            await client.PatchAsJsonAsync("/v1/tenants/detailed", new { plan = "gold" }),
            await client.PostAsJsonAsync("/v1/tenants", new { id = "BAD ID" }),
            await client.PostAsJsonAsync("/v1/tenants/detailed/keys", new { scopes = "bogus" }),
            await client.PostAsJsonAsync("/v1/libraries/demo/recommendations", new { count = 0 }),
            await client.PostAsync("/v1/libraries/x/ingests?priority=10", tar),
            await client.PostAsJsonAsync("/v1/libraries/x/ingests", new { source = new { kind = "directory", path = "relative/drums" } }),
        };

        foreach (var response in answers)
        {
            var problem = await ApiJson.AssertProblemAsync(response, 400);
            var messages = problem["errors"]!.AsObject().SelectMany(field => field.Value!.AsArray().Select(m => m!.GetValue<string>())).ToList();
            Assert.NotEmpty(messages);
            Assert.Equal(string.Join(" ", messages), problem["detail"]!.GetValue<string>());
            Assert.NotEqual(problem["title"]!.GetValue<string>(), problem["detail"]!.GetValue<string>());
        }
    }
}
