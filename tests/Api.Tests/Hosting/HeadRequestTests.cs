using System.Net.Http.Headers;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>HEAD on the GET endpoints answers the GET's status and headers without a body (curl -I, probes).</summary>
public sealed class HeadRequestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/v1/health")]
    [InlineData("/v1/health/live")]
    [InlineData("/v1/health/ready")]
    public async Task A_health_probe_answers_HEAD_with_the_GETs_headers_and_no_body(string path)
    {
        using var client = factory.CreateClient();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.True(head.Content.Headers.ContentLength > 0, "Content-Length is the GET body's");
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_openapi_document_answers_HEAD_with_the_length_of_its_GET()
    {
        using var client = factory.CreateClient();
        var get = await client.GetByteArrayAsync("/openapi/v1.json");

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/openapi/v1.json"));

        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(get.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_keyed_GET_answers_HEAD_and_its_errors_too_without_a_body()
    {
        using var admin = factory.CreateAdminClient();
        using var anonymous = factory.CreateClient();

        var jobs = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/jobs"));
        var unknown = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/jobs/job-none"));
        var keyless = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/jobs"));

        Assert.Equal((200, 404, 401), ((int)jobs.StatusCode, (int)unknown.StatusCode, (int)keyless.StatusCode));
        Assert.Equal(new MediaTypeHeaderValue("application/problem+json").MediaType, unknown.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync());
        Assert.Empty(await keyless.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_event_stream_does_not_take_HEAD()
    {
        using var admin = factory.CreateAdminClient();

        var head = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/jobs/job-none/events"));

        Assert.Equal(405, (int)head.StatusCode);
    }
}
