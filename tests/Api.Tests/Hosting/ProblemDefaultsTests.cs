using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The problem bodies the framework writes on its own (no endpoint, a method the path does not take, a content type the
/// endpoint does not take) carry this API's type and a detail, as docs/api.md promises of every error.
/// </summary>
public sealed class ProblemDefaultsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_path_no_endpoint_has_is_a_404_that_says_so()
    {
        using var client = factory.CreateAdminClient();
        var problem = await ProblemAsync(await client.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound);
        Assert.Equal("https://samplemind.dev/problems/not-found", problem["type"]!.GetValue<string>());
        Assert.Contains("no endpoint at /v1/nothing-here", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/csv")]
    public async Task A_problem_answered_to_a_request_that_accepts_no_json_is_the_same_problem_with_its_trace_id(string accept)
    {
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs/no-such-job");
        request.Headers.Accept.ParseAdd(accept);

        var problem = await ProblemAsync(await client.SendAsync(request), HttpStatusCode.NotFound);

        Assert.Equal("https://samplemind.dev/problems/not-found", problem["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["traceId"]?.GetValue<string>()), problem.ToJsonString());
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()), problem.ToJsonString());
    }

    [Fact]
    public async Task A_method_the_path_does_not_take_is_a_405_that_says_so()
    {
        using var client = factory.CreateAdminClient();
        var problem = await ProblemAsync(await client.DeleteAsync("/v1/health"), HttpStatusCode.MethodNotAllowed);
        Assert.Equal("https://samplemind.dev/problems/method-not-allowed", problem["type"]!.GetValue<string>());
        Assert.Contains("/v1/health does not take DELETE", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_in_a_type_the_endpoint_does_not_take_is_a_415_that_names_it()
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent("<key/>", Encoding.UTF8, "application/xml");
        var problem = await ProblemAsync(await client.PostAsync("/v1/tenants/admin/keys", content), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("https://samplemind.dev/problems/unsupported-media-type", problem["type"]!.GetValue<string>());
        Assert.Contains("'application/xml", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task A_JSON_body_with_no_or_another_content_type_is_a_415_of_the_documented_type_naming_the_one_to_send(string? contentType)
    {
        using var client = factory.CreateAdminClient();
        using var content = new ByteArrayContent("""{"id":"typeless"}"""u8.ToArray());
        content.Headers.ContentType = contentType is null ? null : new(contentType);
        var problem = await ProblemAsync(await client.PatchAsync("/v1/tenants/admin", content), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("https://samplemind.dev/problems/unsupported-media-type", problem["type"]!.GetValue<string>());
        Assert.Equal("Unsupported media type", problem["title"]!.GetValue<string>());
        Assert.Contains(contentType is null ? "no content type" : "'text/plain'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JSON_body_with_no_content_type_is_told_the_type_to_send()
    {
        using var client = factory.CreateAdminClient();
        using var untyped = new ByteArrayContent("""{"id":"typeless"}"""u8.ToArray());
        var problem = await ProblemAsync(await client.PostAsync("/v1/tenants", untyped), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("The body came with no content type, which POST /v1/tenants does not take: send application/json.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_path_and_query_over_the_limit_is_a_414_in_the_in_process_host_too()
    {
        using var client = factory.CreateAdminClient();
        var problem = await ProblemAsync(await client.GetAsync($"/v1/jobs?limit={new string('9', 9000)}"), HttpStatusCode.RequestUriTooLong);
        Assert.Equal("https://samplemind.dev/problems/uri-too-long", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_endpoints_own_problem_keeps_its_detail()
    {
        using var client = factory.CreateAdminClient();
        var problem = await ProblemAsync(await client.GetAsync("/v1/jobs/job-unknown"), HttpStatusCode.NotFound);
        Assert.Equal("There is no job 'job-unknown'.", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("MaxRequestTargetBytes", 100)]
    [InlineData("MaxRequestHeadersBytes", 2_000_000)]
    [InlineData("MaxRequestHeaderCount", 0)]
    [InlineData("MaxJsonBodyBytes", 0)]
    [InlineData("AnonymousRequestsPerMinute", 0)]
    public void A_limit_that_cannot_work_stops_the_start_naming_the_setting(string setting, long value)
    {
        var options = new ApiOptions();
        typeof(ApiOptions).GetProperty(setting)!.SetValue(options, Convert.ChangeType(value, typeof(ApiOptions).GetProperty(setting)!.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        var result = new ApiOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains($"Api:{setting}", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(new ApiOptionsValidator().Validate(null, new ApiOptions()).Failed);
    }

    public static TheoryData<string, string, string?, string> Refused() => new()
    {
        // method, path, JSON body (null: none), what the detail says
        { "GET", "/v1/jobs?limit=abc", null, "The value 'abc' of 'limit' is not a whole number." },
        { "GET", "/v1/jobs?limit=99999999999", null, "The value '99999999999' of 'limit' is out of range: a whole number from -2147483648 to 2147483647" },
        { "GET", "/v1/sessions/s1/history?from=-99999999999999999999", null, "of 'from' is out of range: a whole number from -9223372036854775808 to" },
        // Before, "The value '1,2' of 'limit' is not a whole number.", where other parameters said this.
        { "GET", "/v1/jobs?limit=1&limit=2", null, "The query parameter 'limit' is given 2 times; it takes one value." },
        { "GET", "/metrics?foo=1", null, "The query parameter 'foo' is not one this endpoint takes (it takes: none)." },
        { "GET", "/v1/libraries/lib/samples?bpmMin=fast", null, "The value 'fast' of 'bpmMin' is not a number." },
        { "GET", "/v1/libraries/lib/samples?bpmMin=100,5", null, "The value '100,5' of 'bpmMin' is not a number" },
        { "GET", "/v1/libraries/lib/samples?bpmMin=100&bpmMin=110", null, "The query parameter 'bpmMin' is given 2 times; it takes one value." },
        { "GET", "/v1/libraries/lib/samples?durationMax=1&DURATIONMAX=2", null, "is given 2 times; it takes one value." },
        { "GET", "/v1/libraries/lib/samples?key=C%20major&key=D%20major", null, "The query parameter 'key' is given 2 times; it takes one value." },
        { "POST", "/v1/tenants", """{"id":"a","id":"b"}""", "The property 'id' is given more than once." },
        { "POST", "/v1/tenants/admin/keys/0123456789abcdef/rotate", """{"scopes":"read"}""", "This endpoint takes no request body" },
        { "POST", "/v1/jobs/job-x/pause", "{}", "This endpoint takes no request body" },
        { "DELETE", "/v1/samples/s000000000000000000000000", """{"force":true}""", "This endpoint takes no request body" },
        { "POST", "/v1/tenants", null, "The request needs a JSON body." },
        { "POST", "/v1/tenants", """{"id":"acme","colour":"red"}""", "The JSON property 'colour' is not one this endpoint takes." },
        { "POST", "/v1/tenants", """{"id":"acme",}""", "which JSON does not allow." },
        { "POST", "/v1/tenants", """{"id":5}""", "The JSON value is not of the type expected there." },
        // Before, read as numbers (the web defaults): a 202 and a 200.
        { "POST", "/v1/samples/s000000000000000000000000/variations", """{"count":"3"}""", "The JSON value is not of the type expected there." },
        { "POST", "/v1/search", """{"text":"kick","k":"5"}""", "The JSON value is not of the type expected there." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_the_framework_refuses_is_explained_without_dotnet_type_names(string method, string path, string? body, string says)
    {
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        else if (method == "POST")
        {
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentType = new("application/json");
        }

        var detail = (await ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest))["detail"]!.GetValue<string>();

        Assert.Contains(says, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("SampleMind.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", detail, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }
}
