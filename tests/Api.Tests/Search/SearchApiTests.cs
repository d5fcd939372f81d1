using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Search;

/// <summary>Search endpoints' answers to bad input and to ids the caller cannot see.</summary>
public sealed class SearchApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_search_with_k_out_of_range_is_a_validation_problem_naming_k()
    {
        using var client = factory.CreateAdminClient();
        var response = await client.PostAsJsonAsync("/v1/search", new { text = "kick", k = 0 });
        Assert.NotNull((await ApiJson.AssertProblemAsync(response, 400))["errors"]?["k"]);
    }

    [Fact]
    public async Task Null_or_empty_entries_in_lists_are_bad_request_problems()
    {
        using var client = factory.CreateAdminClient();
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"text":"kick","filters":{"tags":[null]}}""")), 400);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"filters":{"excludeDefects":["clipping",""]}}""")), 400);
        var nullId = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/nothing-here/recommendations", Json("""{"sampleIds":[null],"count":5}""")), 400);
        Assert.NotNull(nullId["errors"]?["sampleIds"]);
    }

    [Fact]
    public async Task A_recommendation_request_names_each_bad_field_and_a_bad_library_id_apart_from_the_body()
    {
        using var client = factory.CreateAdminClient();

        // Before, one sentence for every case, which blamed the body for a bad library id.
        var badLibrary = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/bad%20id/recommendations", Json("{}")), 400);
        var fields = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/libraries/lib/recommendations", Json("""{"count":0,"bpm":-1,"key":"H major"}""")), 400);

        Assert.Contains("'bad id' is not a library id", badLibrary["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("https://samplemind.dev/problems/validation", fields["type"]!.GetValue<string>());
        Assert.Equal(["bpm", "count", "key"], fields["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_property_the_body_does_not_take_is_a_bad_request_problem_naming_it()
    {
        using var client = factory.CreateAdminClient();
        // "filter" for "filters": run without it, the search would silently ignore the caller's tempo range.
        var misspelt = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/search", Json("""{"text":"kick","filter":{"bpmMin":120}}""")), 400);
        var nested = await ApiJson.AssertProblemAsync(
            await client.PostAsync("/v1/search", Json("""{"text":"kick","filters":{"bpm":120}}""")), 400);

        Assert.Contains("'filter'", misspelt["detail"]!.GetValue<string>());
        Assert.Contains("'bpm'", nested["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_bodies_and_unbindable_values_are_bad_request_problems_that_say_why()
    {
        // The host runs as users run it (Production), where the framework's own answer is a bare 400.
        using var client = factory.CreateAdminClient();
        var truncated = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("{\"text\":\"kick\",")), 400);
        var array = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("[]")), 400);
        var wrongType = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"text":1}""")), 400);
        var notANumber = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/libraries/any/samples?limit=abc"), 400);

        Assert.Equal("Malformed JSON", truncated["title"]!.GetValue<string>());
        Assert.All([array, wrongType], p => Assert.Equal("Invalid request body", p["title"]!.GetValue<string>()));
        Assert.Contains("Path: $.text", wrongType["detail"]!.GetValue<string>());
        Assert.Contains("limit", notANumber["detail"]!.GetValue<string>());
        Assert.Contains("abc", notANumber["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_cut_short_or_going_on_past_its_value_is_malformed_json_even_after_an_unknown_property()
    {
        // Was: the serializer refused the unknown property as it read its name, so these were "Invalid request body".
        using var client = factory.CreateAdminClient();
        var problems = new[]
        {
            await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("{\"libraryId\":")), 400),
            await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/sessions", Json("{\"text\":\"a\"")), 400),
            await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/sessions", Json("{\"text\":\"a\"}}")), 400),
            await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("{\"text\":1,")), 400),
        };
        var unknown = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"libraryId":"x"}""")), 400);

        Assert.All(problems, p => Assert.Equal("Malformed JSON", p["title"]!.GetValue<string>()));
        Assert.All(problems, p => Assert.DoesNotContain("not one this endpoint takes", p["detail"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("Invalid request body", unknown["title"]!.GetValue<string>());
        Assert.Contains("'libraryId' is not one this endpoint takes", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_filter_that_is_not_a_type_is_refused_offering_loop_and_one_shot_only()
    {
        using var client = factory.CreateAdminClient();

        // Before, the listing's sentence, "loop, one-shot or unknown", offered a type search then refused.
        var body = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"filters":{"type":"drum"}}""")), 400);
        var query = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/s000000000000000000000000/similar?type=drum"), 400);

        var said = new[] { body["errors"]!["filters.type"]![0]!.GetValue<string>(), query["errors"]!["type"]![0]!.GetValue<string>() };
        Assert.All(said, message => Assert.Equal("The type is loop or one-shot, in any case.", message));
    }

    [Fact]
    public async Task A_string_that_is_not_text_is_a_bad_request_that_says_so_and_names_the_property()
    {
        using var client = factory.CreateAdminClient();

        // Before, "The JSON value is not of the type expected there", as for a number where a string goes.
        var high = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"text":"kick\ud800"}""")), 400);
        var low = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", Json("""{"filters":{"key":"\udc00Am"}}""")), 400);
        var notUtf8 = new ByteArrayContent([.. "{\"text\":\"kick"u8, 0xFF, .. "\"}"u8]) { Headers = { ContentType = new("application/json") } };
        var bytes = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/search", notUtf8), 400);

        Assert.All([high, low, bytes], p => Assert.Equal("Invalid request body", p["title"]!.GetValue<string>()));
        Assert.StartsWith("The JSON string is not valid Unicode: it holds a lone surrogate", high["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Path: $.text", high["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("The JSON string is not valid Unicode", low["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Path: $.filters.key", low["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("The JSON string is not valid UTF-8.", bytes["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searching_a_library_the_tenant_does_not_have_is_not_found()
    {
        using var client = factory.CreateAdminClient();
        var response = await client.PostAsJsonAsync("/v1/libraries/nothing-here/search", new { text = "kick" });
        await ApiJson.AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task Similar_and_duplicates_of_an_unknown_sample_are_not_found()
    {
        using var client = factory.CreateAdminClient();
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/s000000000000000000000000/similar?k=5"), 404);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/s000000000000000000000000/duplicates"), 404);
    }

    [Fact]
    public async Task Similar_with_filters_that_cannot_match_is_a_bad_request_before_the_sample_is_looked_up()
    {
        using var client = factory.CreateAdminClient();
        foreach (var (query, field) in new[]
                 {
                     ("bpmMin=140&bpmMax=120", "bpmMin"), ("bpmMin=NaN", "bpmMin"), ("key=H%20major", "key"), ("type=drum", "type"),
                     ("tag=", "tag"), ("tag=%00", "tag"), ("k=0", "k"),
                 })
        {
            var problem = await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/samples/s000000000000000000000000/similar?{query}"), 400);
            Assert.NotNull(problem["errors"]?[field]);
        }
    }

    [Fact]
    public async Task Type_unknown_is_a_validation_problem_on_search_and_similar_which_hold_loops_and_one_shots_only()
    {
        using var client = factory.CreateAdminClient();
        var tenant = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/search", new { filters = new { type = "unknown" } }), 400);
        var library = await ApiJson.AssertProblemAsync(
            await client.PostAsJsonAsync("/v1/libraries/nothing-here/search", new { text = "kick", filters = new { type = "unknown" } }), 400);
        var similar = await ApiJson.AssertProblemAsync(await client.GetAsync("/v1/samples/s000000000000000000000000/similar?type=unknown"), 400);

        // Was: accepted and dropped, so that every sample came back (level-fast samples, the only unknown ones, are not indexed).
        Assert.All([tenant, library], p => Assert.Contains("loops and one-shots", p["errors"]!["filters.type"]![0]!.GetValue<string>()));
        Assert.Contains("loops and one-shots", similar["errors"]!["type"]![0]!.GetValue<string>());
        Assert.Equal("https://samplemind.dev/problems/validation", similar["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_tag_filter_is_the_same_validation_problem_on_the_library_listing_as_on_search_and_similar()
    {
        using var client = factory.CreateAdminClient();
        foreach (var tag in new[] { "", new string('t', 65), "punchy,mono-compatible", "\u0000nonexistent", "a\nb" })
        {
            var search = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/search", new { text = "pad", filters = new { tags = new[] { tag } } }), 400);
            var query = "tag=" + Uri.EscapeDataString(tag);
            var similar = await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/samples/s000000000000000000000000/similar?{query}"), 400);

            // Was: the listing answered a bad-request problem with no errors member.
            var listing = await ApiJson.AssertProblemAsync(await client.GetAsync($"/v1/libraries/lib/samples?{query}"), 400);

            foreach (var problem in new[] { similar, listing })
            {
                Assert.Equal("https://samplemind.dev/problems/validation", problem["type"]!.GetValue<string>());
                Assert.Equal(search["title"]!.GetValue<string>(), problem["title"]!.GetValue<string>());
                Assert.Equal(search["errors"]!["filters.tags"]!.ToJsonString(), problem["errors"]!["tag"]!.ToJsonString());
            }
        }
    }

    [Fact]
    public async Task The_text_limit_counts_characters_as_users_do_not_utf16_code_units()
    {
        using var client = factory.CreateAdminClient();
        var emoji = string.Concat(Enumerable.Repeat("\U0001F941", 1000));

        // Was: 501 drums (1002 UTF-16 code units) were over "1000 characters".
        Assert.Equal(200, (int)(await client.PostAsJsonAsync("/v1/search", new { text = emoji })).StatusCode);
        var over = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/search", new { text = emoji + "\U0001F941" }), 400);
        Assert.NotNull(over["errors"]?["text"]);
    }

    [Fact]
    public async Task A_hum_in_a_media_type_other_than_audio_or_octet_stream_is_unsupported()
    {
        using var client = factory.CreateAdminClient();
        const string path = "/v1/libraries/nothing-here/search/humming";
        foreach (var type in new[] { "text/plain", "image/png", "multipart/form-data; boundary=x", null })
        {
            using var content = new ByteArrayContent([1, 2, 3]);
            content.Headers.ContentType = type is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);

            // Was: any content type or none was taken and decoded as audio.
            var problem = await ApiJson.AssertProblemAsync(await client.PostAsync(path, content), 415);
            Assert.Equal("https://samplemind.dev/problems/unsupported-media-type", problem["type"]!.GetValue<string>());
        }

        foreach (var type in new[] { "audio/wav", "AUDIO/MPEG", "application/octet-stream" })
        {
            using var content = new ByteArrayContent([1, 2, 3]);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            await ApiJson.AssertProblemAsync(await client.PostAsync(path, content), 404);
        }
    }

    [Fact]
    public async Task A_hum_with_k_out_of_range_is_the_validation_problem_naming_k_that_search_gives()
    {
        using var client = factory.CreateAdminClient();
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/wav");
        var hum = await ApiJson.AssertProblemAsync(await client.PostAsync("/v1/libraries/nothing-here/search/humming?k=0", content), 400);
        var search = await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/v1/search", new { text = "kick", k = 0 }), 400);

        // Was: a bad-request problem with no errors member.
        Assert.Equal(search["type"]!.GetValue<string>(), hum["type"]!.GetValue<string>());
        Assert.Equal(search["errors"]!["k"]!.ToJsonString(), hum["errors"]?["k"]?.ToJsonString());
    }

    [Fact]
    public async Task Tenant_wide_search_with_no_libraries_returns_no_hits()
    {
        using var client = factory.CreateAdminClient();
        var response = await client.PostAsJsonAsync("/v1/search", new { text = "dark punchy 808 loop 140 bpm in F minor, no clipping", k = 5 });
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty((await ApiJson.ReadAsync(response))["hits"]!.AsArray());
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
