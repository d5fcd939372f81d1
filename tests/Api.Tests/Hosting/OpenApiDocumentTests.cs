using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SampleMind.Api.Endpoints;
using SampleMind.Api.Tests.Compute;
using SampleMind.Audio;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// <c>/openapi/v1.json</c> says what the host does: its endpoints, the key it takes, and answers (problem bodies
/// included) that a client generated from it, or one that checks answers against it, reads without surprise.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_openapi_document_lists_the_endpoints()
    {
        var document = await DocumentAsync();

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/v1/health", "/v1/cluster", "/v1/libraries/{libraryId}/ingests", "/v1/jobs/{jobId}",
            "/v1/jobs/{jobId}/events", "/v1/jobs/{jobId}/results", "/v1/libraries/{libraryId}/samples", "/v1/samples/{sampleId}/audio",
            "/v1/jobs/{jobId}/webhooks", "/v1/tenants/{tenantId}/webhook-secret", "/v1/tenants/{tenantId}/webhook-secret/rotate" })
        {
            Assert.Contains(expected, paths);
        }

        // The error bodies are in the document, so that a generated client reads them.
        var getJob = document["paths"]!["/v1/jobs/{jobId}"]!["get"]!;
        foreach (var status in new[] { "401", "403", "404", "429", "500", "503" })
        {
            Assert.Equal("#/components/schemas/Problem",
                getJob["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        }

        // Values and bodies can be refused (400, 413); the endpoints that answer 409 list it.
        var separate = document["paths"]!["/v1/samples/{sampleId}/separate"]!["post"]!["responses"]!;
        Assert.All(new[] { "400", "409", "413" }, status => Assert.NotNull(separate[status]));
        Assert.NotNull(document["paths"]!["/v1/jobs"]!["get"]!["responses"]!["400"]);
        Assert.NotNull(document["paths"]!["/v1/sessions/{sessionId}/undo"]!["post"]!["responses"]!["409"]);
        Assert.NotNull(document["paths"]!["/v1/samples/{sampleId}"]!["delete"]);
        Assert.NotNull(document["paths"]!["/v1/samples/{sampleId}/similar"]!["get"]!["responses"]!["409"]);

        // The POSTs that create work take an Idempotency-Key, and say what a replay and a reused key answer.
        foreach (var path in new[] { "/v1/libraries/{libraryId}/ingests", "/v1/samples/{sampleId}/separate", "/v1/samples/{sampleId}/variations" })
        {
            var post = document["paths"]![path]!["post"]!;
            var key = Assert.Single(post["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key")!;
            Assert.Equal(("header", false), (key["in"]!.GetValue<string>(), key["required"]?.GetValue<bool>() ?? false));
            Assert.Equal(255, key["schema"]!["maxLength"]!.GetValue<int>());
            Assert.NotNull(post["responses"]!["202"]!["headers"]!["Idempotent-Replayed"]);
            Assert.NotNull(post["responses"]!["422"]!["content"]!["application/problem+json"]);
        }

        var health = document["paths"]!["/v1/health"]!["get"]!;
        Assert.Null(health["security"]);
        Assert.Null(health["responses"]!["401"]);
        Assert.Null(health["responses"]!["429"]);
        Assert.NotNull(document["components"]!["schemas"]!["Problem"]!["properties"]!["detail"]);
    }

    [Fact]
    public async Task The_key_is_declared_as_the_host_takes_it_a_bearer_token_or_an_X_Api_Key_header()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal(("http", "bearer"), (schemes["bearer"]!["type"]!.GetValue<string>(), schemes["bearer"]!["scheme"]!.GetValue<string>()));
        Assert.Equal(("apiKey", "header", "X-Api-Key"),
            (schemes["apiKey"]!["type"]!.GetValue<string>(), schemes["apiKey"]!["in"]!.GetValue<string>(), schemes["apiKey"]!["name"]!.GetValue<string>()));
        // Two requirements: either one is enough (one requirement naming both would ask for both).
        var security = document["paths"]!["/v1/jobs/{jobId}"]!["get"]!["security"]!.AsArray();
        Assert.Equal(["bearer", "apiKey"], security.Select(r => Assert.Single(r!.AsObject()).Key));

        var token = File.ReadAllText(factory.AdminKeyFile).Trim();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        request.Headers.Add("X-Api-Key", token);
        Assert.Equal(200, (int)(await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_document_names_no_server_so_a_forged_host_header_does_not_reach_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example:666";

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        var servers = System.Text.Json.Nodes.JsonNode.Parse(text)!["servers"];
        Assert.True(servers is null || servers.AsArray().Count == 0, $"servers: {servers?.ToJsonString()}");
    }

    [Fact]
    public async Task Every_operation_lists_400_and_every_one_that_takes_a_body_lists_415()
    {
        var document = await DocumentAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("400"), $"{method} {path} lists no 400");
            if (operation["requestBody"] is not null)
            {
                Assert.True(responses.ContainsKey("415"), $"{method} {path} takes a body and lists no 415");
            }
        }

        Assert.Contains(Operations(document), o => o.Path == "/metrics" && o.Operation["responses"]!["400"] is not null);
    }

    [Fact]
    public async Task Every_operation_has_an_operation_id_and_no_two_share_one()
    {
        var document = await DocumentAsync();

        var ids = Operations(document).Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();

        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("getJobsByJobIdResults", ids);
        Assert.Contains("headSamplesBySampleIdAudio", ids);
        Assert.Contains("headJobsByJobIdResults", ids);
    }

    [Fact]
    public async Task No_problem_schema_forbids_the_members_problem_bodies_carry()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        foreach (var name in new[] { "Problem", "ProblemDetails", "HttpValidationProblemDetails" })
        {
            var schema = schemas[name]!;
            Assert.NotEqual(JsonValueKind.False, schema["additionalProperties"]?.GetValueKind());
            Assert.NotNull(schema["properties"]!["traceId"]);
        }
    }

    [Fact]
    public async Task An_actual_409_and_validation_400_validate_against_the_schemas_the_document_gives_them()
    {
        var document = await DocumentAsync();
        var responses = document["paths"]!["/v1/tenants"]!["post"]!["responses"]!;
        using var client = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await client.PostAsJsonAsync("/v1/tenants", new { id = "openapi-twice" })).StatusCode);

        var conflict = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/tenants", new { id = "openapi-twice" }), 409);
        var invalid = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/tenants", new { id = "Not An Id!" }), 400);

        Assert.NotNull(conflict["traceId"]);
        Assert.NotNull(invalid["errors"]);
        Assert.Empty(SchemaCheck.Violations(conflict, ProblemSchema(responses["409"]!), document));
        Assert.Empty(SchemaCheck.Violations(invalid, ProblemSchema(responses["400"]!), document));
    }

    [Fact]
    public async Task Search_bodies_the_server_takes_validate_against_the_schema_the_document_gives()
    {
        var document = await DocumentAsync();
        var body = document["paths"]!["/v1/search"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        using var client = factory.CreateAdminClient();

        // Was: text, filters and k, and every filter, were required, so these bodies the server takes did not validate.
        foreach (var json in new[] { "{}", """{"text":"kick"}""", """{"filters":{"type":"loop"},"k":5}""", """{"filters":{}}""" })
        {
            Assert.Equal(200, (int)(await client.PostAsync("/v1/search", new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).StatusCode);
            Assert.Empty(SchemaCheck.Violations(JsonNode.Parse(json), body, document));
        }

        var schemas = document["components"]!["schemas"]!;
        var k = schemas["SearchApiRequest"]!["properties"]!["k"]!;
        Assert.Equal((1, 100), (k["minimum"]!.GetValue<int>(), k["maximum"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Each_request_body_schema_requires_what_the_server_requires_and_no_more()
    {
        var document = await DocumentAsync();
        using var client = factory.CreateAdminClient();
        const string library = "openapi-bodies";
        var sampleId = await ComputeFixtures.IngestMixtureAsync(client, factory.IngestRoot, library);
        var folder = JsonSerializer.Serialize(Path.GetDirectoryName(ComputeFixtures.MixturePath(factory.IngestRoot, library)));
        Assert.Equal(201, (int)(await client.PostAsJsonAsync("/v1/tenants", new { id = library })).StatusCode);
        var session = await ApiJson.ReadAsync(await client.PostAsJsonAsync("/v1/sessions", new { libraryId = library }));
        var sessionId = session["sessionId"]!.GetValue<string>();

        // The smallest bodies the docs give, and what the server answers them (an undo with nothing to undo: 409, the body taken).
        // Was: every member of these bodies was required, so that none but the search's and the session's validated.
        var bodies = new (string Method, string Path, string Url, string Body, int Status)[]
        {
            ("post", "/v1/tenants", "/v1/tenants", """{"id":"openapi-minimal"}""", 201),
            ("patch", "/v1/tenants/{tenantId}", $"/v1/tenants/{library}", """{"plan":"pro"}""", 200),
            ("post", "/v1/tenants/{tenantId}/keys", $"/v1/tenants/{library}/keys", """{"scopes":"read"}""", 201),
            ("post", "/v1/libraries/{libraryId}/ingests", $"/v1/libraries/{library}/ingests", """{"source":{"kind":"directory","path":""" + folder + "}}", 202),
            ("post", "/v1/samples/{sampleId}/separate", $"/v1/samples/{sampleId}/separate", """{"stems":2}""", 202),
            ("post", "/v1/samples/{sampleId}/variations", $"/v1/samples/{sampleId}/variations", """{"count":1}""", 202),
            ("post", "/v1/libraries/{libraryId}/recommendations", $"/v1/libraries/{library}/recommendations", """{"count":2}""", 200),
            ("post", "/v1/libraries/{libraryId}/search", $"/v1/libraries/{library}/search", "{}", 200),
            ("post", "/v1/search", "/v1/search", "{}", 200),
            ("post", "/v1/sessions", "/v1/sessions", $$"""{"libraryId":"{{library}}"}""", 201),
            ("post", "/v1/sessions/{sessionId}/undo", $"/v1/sessions/{sessionId}/undo", """{"clientId":"nobody"}""", 409),
            ("post", "/v1/sessions/{sessionId}/redo", $"/v1/sessions/{sessionId}/redo", """{"clientId":"nobody"}""", 409),
        };

        var takesJson = Operations(document).Where(o => o.Operation["requestBody"]?["content"]?["application/json"] is not null);
        Assert.Equal(takesJson.Select(o => $"{o.Method} {o.Path}").Order(), bodies.Select(b => $"{b.Method} {b.Path}").Order());
        foreach (var (method, path, url, json, status) in bodies)
        {
            var schema = document["paths"]![path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
            var violations = SchemaCheck.Violations(JsonNode.Parse(json), schema, document);
            Assert.True(violations.Count == 0, $"{method} {path} {json}: {string.Join("; ", violations)}");
            Assert.True(status == (int)(await SendJsonAsync(client, method, url, json)).StatusCode, $"{method} {url} {json}: not {status}");

            // What the schema requires, the server refuses without.
            foreach (var required in RequiredPaths(JsonNode.Parse(json), schema, document, ""))
            {
                var without = Without(json, required);
                Assert.True(400 == (int)(await SendJsonAsync(client, method, url, without)).StatusCode, $"{method} {url} {without}: not 400");
            }
        }
    }

    [Fact]
    public async Task The_library_listing_declares_the_404_an_unknown_library_gets()
    {
        var document = await DocumentAsync();
        using var client = factory.CreateAdminClient();
        var listing = await client.GetAsync("/v1/libraries/no-such-library/samples");

        // As GET /v1/libraries/{id} answers it: a library no one ingested into holds no samples.
        await ApiJson.AssertProblemAsync(listing, 404);
        Assert.NotNull(document["paths"]!["/v1/libraries/{libraryId}/samples"]!["get"]!["responses"]!["404"]);
    }

    [Fact]
    public async Task File_answers_the_hummed_clip_and_text_answers_are_declared()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!;

        foreach (var path in new[] { "/v1/samples/{sampleId}/audio", "/v1/compute/{requestId}/files/{name}" })
        {
            var responses = paths[path]!["get"]!["responses"]!;
            Assert.All(new[] { "206", "304", "412", "416" }, status => Assert.NotNull(responses[status]));
            Assert.NotNull(responses["206"]!["headers"]!["Content-Range"]);
            Assert.StartsWith("audio/", responses["200"]!["content"]!.AsObject().First().Key, StringComparison.Ordinal);
        }

        var humming = paths["/v1/libraries/{libraryId}/search/humming"]!["post"]!;
        Assert.Equal("binary", humming["requestBody"]!["content"]!["audio/*"]!["schema"]!["format"]!.GetValue<string>());
        Assert.All(new[] { "413", "422" }, status => Assert.NotNull(humming["responses"]![status]!["content"]!["application/problem+json"]));

        var results = paths["/v1/jobs/{jobId}/results"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.Equal(["application/x-ndjson", "text/csv"], results.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.StartsWith("text/plain", paths["/metrics"]!["get"]!["responses"]!["200"]!["content"]!.AsObject().Single().Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_parameter_of_every_operation_has_a_description()
    {
        var document = await DocumentAsync();

        var parameters = Parameters(document).ToList();

        Assert.True(parameters.Count > 50, $"{parameters.Count} parameters");
        Assert.Empty(parameters.Where(p => string.IsNullOrWhiteSpace(p.Parameter["description"]?.GetValue<string>()))
            .Select(p => $"{p.Method} {p.Path} {p.Parameter["name"]}"));
    }

    [Fact]
    public async Task A_parameter_s_declared_bounds_and_default_are_in_its_description()
    {
        var document = await DocumentAsync();

        var declared = 0;
        foreach (var (path, method, parameter) in Parameters(document))
        {
            var description = parameter["description"]?.GetValue<string>() ?? "";
            foreach (var keyword in new[] { "minimum", "maximum", "default" })
            {
                if (parameter["schema"]![keyword] is { } value)
                {
                    var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                    Assert.True(description.Contains(text, StringComparison.Ordinal),
                        $"{method} {path} {parameter["name"]}: {keyword} {text} is not in \"{description}\"");
                    declared++;
                }
            }
        }

        Assert.True(declared >= 20, $"{declared} bounds and defaults declared");
    }

    [Fact]
    public async Task Each_declared_bound_of_a_query_parameter_is_where_the_server_draws_it()
    {
        var document = await DocumentAsync();
        using var client = factory.CreateAdminClient();
        var created = await client.PostAsJsonAsync("/v1/sessions", new { libraryId = "openapi-bounds" });
        Assert.Equal(201, (int)created.StatusCode);
        var values = new Dictionary<string, string>
        {
            ["libraryId"] = "openapi-bounds", // holds no samples: a 404 once the query is taken
            ["sampleId"] = "s" + new string('0', 24),
            ["sessionId"] = (await ApiJson.ReadAsync(created))["sessionId"]!.GetValue<string>(),
        };

        var checkedBounds = new List<string>();
        foreach (var (path, method, parameter) in Parameters(document).Where(p => p.Method == "get" && p.Parameter["in"]!.GetValue<string>() == "query"))
        {
            var url = values.Aggregate(path, (u, v) => u.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            var name = parameter["name"]!.GetValue<string>();
            foreach (var (keyword, past) in new[] { ("minimum", -1m), ("maximum", 1m) })
            {
                if (parameter["schema"]![keyword]?.GetValue<decimal>() is not { } bound)
                {
                    continue;
                }

                var at = $"{url}?{name}={bound.ToString(CultureInfo.InvariantCulture)}";
                var answer = await client.GetAsync(at);
                Assert.True((int)answer.StatusCode != 400, $"{at} (the declared {keyword}): {await answer.Content.ReadAsStringAsync()}");
                await ApiJson.AssertProblemAsync(await client.GetAsync($"{url}?{name}={(bound + past).ToString(CultureInfo.InvariantCulture)}"), 400);
                checkedBounds.Add($"{path} {name} {keyword}");
            }
        }

        Assert.Contains("/v1/jobs limit maximum", checkedBounds);
        Assert.Contains("/v1/libraries/{libraryId}/samples limit maximum", checkedBounds);
        Assert.Contains("/v1/samples/{sampleId}/similar k minimum", checkedBounds);
        Assert.Contains("/v1/sessions/{sessionId}/snapshot revision minimum", checkedBounds);
        Assert.Contains("/v1/libraries/{libraryId}/samples bpmMin minimum", checkedBounds);
    }

    [Fact]
    public async Task A_set_the_server_matches_exactly_is_an_enum_and_one_it_takes_in_any_case_is_described()
    {
        var document = await DocumentAsync();
        using var client = factory.CreateAdminClient();
        var results = document["paths"]!["/v1/jobs/{jobId}/results"]!;
        var listing = document["paths"]!["/v1/libraries/{libraryId}/samples"]!["get"]!["parameters"]!.AsArray();

        // format: json or csv, exactly (an unknown job is a 404 once the format is taken).
        foreach (var method in new[] { "get", "head" })
        {
            var format = results[method]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "format")!;
            Assert.Equal(["json", "csv"], format["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        }

        Assert.Equal(404, (int)(await client.GetAsync("/v1/jobs/openapi-none/results?format=csv")).StatusCode);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/jobs/openapi-none/results?format=CSV"), 400);

        // type and defect are taken in any case: no enum, which would refuse LOOP; the description names every value.
        var type = listing.Single(p => p!["name"]!.GetValue<string>() == "type")!;
        var defect = listing.Single(p => p!["name"]!.GetValue<string>() == "defect")!;
        Assert.Null(type["schema"]!["enum"]);
        Assert.Null(defect["schema"]!["items"]!["enum"]);
        Assert.All(new[] { "loop", "one-shot", "unknown" }, t => Assert.Contains(t, type["description"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.All(DefectKindNames.All, d => Assert.Contains(d, defect["description"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(404, (int)(await client.GetAsync("/v1/libraries/openapi-none/samples?type=LOOP&defect=-CLIPPING")).StatusCode);
    }

    [Fact]
    public async Task The_ingest_declares_each_query_option_it_reads_and_each_body_type_it_takes()
    {
        var document = await DocumentAsync();
        var ingest = document["paths"]!["/v1/libraries/{libraryId}/ingests"]!["post"]!;
        using var client = factory.CreateAdminClient();

        // Was: none of the query options, and every body type with the JSON source's schema.
        var query = ingest["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query")
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!);
        Assert.Equal(IngestQuery.Options.Order(StringComparer.Ordinal), query.Keys.Order(StringComparer.Ordinal));
        // The endpoint's own list, as it names it refusing another option.
        var refused = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/openapi-ingest/ingests?labels=x", Upload()), 400);
        Assert.Contains($"(it takes: {string.Join(", ", query.Keys.Order(StringComparer.Ordinal))})", refused["detail"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.All(query.Values, p => Assert.Contains(" only", p["description"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(IngestValidation.Levels, query["level"]["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var priority = query["priority"]["schema"]!;
        Assert.Equal((0, 9, 5), (priority["minimum"]!.GetValue<int>(), priority["maximum"]!.GetValue<int>(), priority["default"]!.GetValue<int>()));
        var label = query["label"]["schema"]!;
        Assert.Equal(("array", 32, 64), (label["type"]!.GetValue<string>(), label["maxItems"]!.GetValue<int>(), label["items"]!["maxLength"]!.GetValue<int>()));

        var content = ingest["requestBody"]!["content"]!.AsObject();
        Assert.Equal(["application/gzip", "application/json", "application/x-tar", "application/zip", "multipart/form-data", "text/plain"],
            content.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal(IngestApi.BodyTypes.Order(StringComparer.Ordinal), content.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal("#/components/schemas/IngestRequest", content["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal("string", content["text/plain"]!["schema"]!["type"]!.GetValue<string>());
        Assert.All(new[] { "application/zip", "application/x-tar", "application/gzip" }, type =>
            Assert.Equal(("string", "binary"), (content[type]!["schema"]!["type"]!.GetValue<string>(), content[type]!["schema"]!["format"]!.GetValue<string>())));
        Assert.Equal("binary", content["multipart/form-data"]!["schema"]!["properties"]!["files"]!["items"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_upload_option_at_its_declared_bound_is_taken_and_one_past_it_refused()
    {
        var document = await DocumentAsync();
        var ingest = document["paths"]!["/v1/libraries/{libraryId}/ingests"]!["post"]!;
        using var client = factory.CreateAdminClient();

        var checkedBounds = new List<string>();
        foreach (var parameter in ingest["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query"))
        {
            var name = parameter!["name"]!.GetValue<string>();
            foreach (var (keyword, past) in new[] { ("minimum", -1m), ("maximum", 1m) })
            {
                if (parameter["schema"]![keyword]?.GetValue<decimal>() is not { } bound)
                {
                    continue;
                }

                var at = $"/v1/libraries/openapi-upload/ingests?level=fast&{name}={bound.ToString(CultureInfo.InvariantCulture)}";
                var taken = await client.PostAsync(at, Upload());
                Assert.True((int)taken.StatusCode == 202, $"{at} (the declared {keyword}): {await taken.Content.ReadAsStringAsync()}");
                await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(taken))["jobId"]!.GetValue<string>(), TimeSpan.FromMinutes(1));
                var beyond = await ApiJson.AssertProblemAsync(await client.PostAsync(
                    $"/v1/libraries/openapi-upload/ingests?level=fast&{name}={(bound + past).ToString(CultureInfo.InvariantCulture)}", Upload()), 400);
                Assert.NotNull(beyond["errors"]?[name]);
                checkedBounds.Add($"{name} {keyword}");
            }
        }

        Assert.Equal(["priority minimum", "priority maximum"], checkedBounds);
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return await ApiJson.ReadAsync(await client.GetAsync("/openapi/v1.json"));
    }

    /// <summary>A multipart upload of one short tone.</summary>
    private MultipartFormDataContent Upload()
    {
        var path = Path.Combine(factory.Root, "openapi-tone.wav");
        if (!File.Exists(path))
        {
            WavWriter.Sine(path, 440, 0.5);
        }

        return new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(path)), "files", "tone.wav" } };
    }

    private static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, string method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

    /// <summary>The members <paramref name="schema"/> requires of <paramref name="value"/>, nested ones by their dotted path.</summary>
    private static IEnumerable<string> RequiredPaths(JsonNode? value, JsonNode schema, JsonNode document, string at)
    {
        while (true)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!;
            }
            else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches)
            {
                // A nullable member is one of null and its schema.
                schema = branches.First(branch => branch!["type"]?.ToString() != "null")!;
            }
            else
            {
                break;
            }
        }

        if (value is not JsonObject members)
        {
            yield break;
        }

        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            yield return at + required!.GetValue<string>();
        }

        foreach (var (name, member) in members)
        {
            if (schema["properties"]?[name] is { } property)
            {
                foreach (var inner in RequiredPaths(member, property, document, $"{at}{name}."))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The JSON <paramref name="json"/> without the member at the dotted <paramref name="path"/>.</summary>
    private static string Without(string json, string path)
    {
        var body = JsonNode.Parse(json)!;
        var names = path.Split('.');
        var parent = names[..^1].Aggregate(body, (node, name) => node[name]!);
        parent.AsObject().Remove(names[^1]);
        return body.ToJsonString();
    }

    private static JsonNode ProblemSchema(JsonNode response) => response["content"]!["application/problem+json"]!["schema"]!;

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!)));

    private static IEnumerable<(string Path, string Method, JsonNode Parameter)> Parameters(JsonNode document) =>
        Operations(document).SelectMany(o => (o.Operation["parameters"]?.AsArray() ?? []).Select(p => (o.Path, o.Method, p!)));
}
