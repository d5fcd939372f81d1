using System.Net.Http.Json;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Ingest;

public sealed class AuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Health_answers_without_a_key()
    {
        var response = await factory.CreateClient().GetAsync("/v1/health");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ok", (await ApiJson.ReadAsync(response))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_and_malformed_keys_get_401_problems()
    {
        var anonymous = await factory.CreateClient().GetAsync("/v1/jobs");
        await ApiJson.AssertProblemAsync(anonymous, 401);

        var malformed = await factory.CreateClient("not-a-key").GetAsync("/v1/jobs");
        var problem = await ApiJson.AssertProblemAsync(malformed, 401);
        Assert.Contains("malformed", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        var unknown = await factory.CreateClient("smk_0123456789abcdef_" + new string('x', 43)).GetAsync("/v1/jobs");
        await ApiJson.AssertProblemAsync(unknown, 401);
    }

    [Theory]
    [InlineData("Authorization", "Bearer ")]
    [InlineData("X-Api-Key", "")]
    public async Task Two_key_headers_are_a_401_saying_to_send_one(string header, string prefix)
    {
        var token = File.ReadAllText(factory.AdminKeyFile).Trim();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        request.Headers.TryAddWithoutValidation(header, [prefix + token, prefix + token]);

        var problem = await ApiJson.AssertProblemAsync(await client.SendAsync(request), 401);

        Assert.Equal($"Only one {header} header may be sent; this request has 2.", problem["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Basic YTpi")]
    public async Task A_key_in_X_Api_Key_beside_an_Authorization_header_is_a_401_saying_to_send_one(string authorization)
    {
        var token = File.ReadAllText(factory.AdminKeyFile).Trim();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        request.Headers.TryAddWithoutValidation("Authorization", authorization.StartsWith("Bearer", StringComparison.Ordinal) ? authorization + token : authorization);
        request.Headers.TryAddWithoutValidation("X-Api-Key", token);

        var problem = await ApiJson.AssertProblemAsync(await client.SendAsync(request), 401);

        Assert.Equal("Send the key in one header, Authorization or X-Api-Key; this request has both.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revoked_key_stops_working_and_a_rotated_key_replaces_it()
    {
        var admin = factory.CreateAdminClient();
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "temp", scopes = "read" }));
        var token = issued["token"]!.GetValue<string>();
        var keyId = issued["key"]!["keyId"]!.GetValue<string>();
        var client = factory.CreateClient(token);
        Assert.Equal(200, (int)(await client.GetAsync("/v1/jobs")).StatusCode);

        var rotated = await ApiJson.ReadAsync(await admin.PostAsync($"/v1/tenants/admin/keys/{keyId}/rotate", null));
        var newToken = rotated["token"]!.GetValue<string>();
        var revokedAnswer = await client.GetAsync("/v1/jobs");
        var problem = await ApiJson.AssertProblemAsync(revokedAnswer, 401);
        Assert.Contains("revoked", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(200, (int)(await factory.CreateClient(newToken).GetAsync("/v1/jobs")).StatusCode);

        var newKeyId = rotated["key"]!["keyId"]!.GetValue<string>();
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/admin/keys/{newKeyId}")).StatusCode);
        await ApiJson.AssertProblemAsync(await factory.CreateClient(newToken).GetAsync("/v1/jobs"), 401);
    }

    [Fact]
    public async Task The_operators_last_admin_key_cannot_be_revoked_and_an_earlier_one_can_once_another_exists()
    {
        // Its own host: the bootstrap key is revoked here, which every other test of the class uses.
        using var own = new ApiFactory();
        var admin = own.CreateAdminClient();
        var bootstrapKeyId = File.ReadAllText(own.AdminKeyFile).Trim().Split('_')[1];

        var refused = await ApiJson.AssertProblemAsync(await admin.DeleteAsync($"/v1/tenants/admin/keys/{bootstrapKeyId}"), 409);
        Assert.Contains("last active admin key", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, (int)(await admin.GetAsync("/v1/tenants/admin")).StatusCode);

        var second = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "second", scopes = "admin" }));
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/admin/keys/{bootstrapKeyId}")).StatusCode);
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/tenants/admin"), 401);
        var successor = own.CreateClient(second["token"]!.GetValue<string>());
        var secondId = second["key"]!["keyId"]!.GetValue<string>();
        await ApiJson.AssertProblemAsync(await successor.DeleteAsync($"/v1/tenants/admin/keys/{secondId}"), 409);

        // Another tenant may lose its last admin key: the operator can issue it another.
        Assert.Equal(201, (int)(await successor.PostAsJsonAsync("/v1/tenants", new { id = "lonely" })).StatusCode);
        var lonely = await ApiJson.ReadAsync(await successor.PostAsJsonAsync("/v1/tenants/lonely/keys", new { name = "only", scopes = "admin" }));
        Assert.Equal(204, (int)(await successor.DeleteAsync($"/v1/tenants/lonely/keys/{lonely["key"]!["keyId"]!.GetValue<string>()}")).StatusCode);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_told_which_scope_and_a_header_of_another_scheme_is_named()
    {
        var admin = factory.CreateAdminClient();
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "reader2", scopes = "read" }));
        var token = issued["token"]!.GetValue<string>();
        var several = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "two", scopes = "Search, ingest" }));
        Assert.Equal("read", issued["key"]!["scopes"]!.GetValue<string>());
        Assert.Equal("ingest,search", several["key"]!["scopes"]!.GetValue<string>());

        var forbidden = await ApiJson.AssertProblemAsync(await factory.CreateClient(token).GetAsync("/v1/tenants/admin/usage"), 403);
        Assert.Equal("This endpoint needs a key with the 'admin' scope (an admin key has every scope).", forbidden["detail"]!.GetValue<string>());

        foreach (var (header, expected) in new[]
        {
            ("Basic dXNlcjpwYXNz", "The Authorization header uses the 'Basic' scheme; this API takes 'Authorization: Bearer smk_...'."),
            (token, "The Authorization header has no scheme this API takes: send 'Authorization: Bearer smk_...'."),
            ("Bearer", "The Authorization header gives no key after 'Bearer ' (one space, then the key): send 'Authorization: Bearer smk_...'."),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            var problem = await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(request), 401);
            Assert.Equal(expected, problem["detail"]!.GetValue<string>());
            Assert.DoesNotContain(token, problem.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403()
    {
        var admin = factory.CreateAdminClient();
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "reader", scopes = "read" }));
        var reader = factory.CreateClient(issued["token"]!.GetValue<string>());

        var response = await reader.PostAsJsonAsync("/v1/libraries/lib/ingests", new { source = new { kind = "directory", path = factory.IngestRoot } });

        await ApiJson.AssertProblemAsync(response, 403);
    }

    [Theory]
    [InlineData("read,fly")]
    [InlineData("1")] // a number named a scope by its bit: ingest
    [InlineData("read,31")]
    public async Task Unknown_scope_is_a_validation_problem(string scopes)
    {
        var response = await factory.CreateAdminClient().PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "x", scopes });

        var problem = await ApiJson.AssertProblemAsync(response, 400);
        Assert.NotNull(problem["errors"]?["scopes"]);
    }

    [Fact]
    public async Task A_new_or_rotated_token_is_not_cached_and_the_new_keys_location_answers()
    {
        var admin = factory.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "located", scopes = "read" });
        Assert.Equal(201, (int)created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore);
        var keyId = (await ApiJson.ReadAsync(created))["key"]!["keyId"]!.GetValue<string>();

        var located = await ApiJson.ReadAsync(await admin.GetAsync(created.Headers.Location));
        var rotated = await admin.PostAsync($"/v1/tenants/admin/keys/{keyId}/rotate", null);

        Assert.Equal(keyId, located["keyId"]!.GetValue<string>());
        Assert.Equal("located", located["name"]!.GetValue<string>());
        Assert.Null(located["token"]);
        Assert.Equal(200, (int)rotated.StatusCode);
        Assert.True(rotated.Headers.CacheControl?.NoStore);
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/tenants/admin/keys/nosuchkey"), 404);
    }

    [Theory]
    [InlineData("keys", "x")]
    [InlineData("keys", "line\nbreak")]
    [InlineData("keys", "   ")]
    [InlineData("tenant", "x")]
    [InlineData("tenant", "tab\there")]
    [InlineData("tenant", "\u202Eevil")]
    [InlineData("keys", "ci \u2066key")]
    public async Task Names_are_bounded_and_free_of_control_characters(string what, string name)
    {
        var admin = factory.CreateAdminClient();
        var value = name == "x" ? new string('x', what == "keys" ? 101 : 201) : name;
        var response = what == "keys"
            ? await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = value, scopes = "read" })
            : await admin.PostAsJsonAsync("/v1/tenants", new { id = "named", name = value });

        var problem = await ApiJson.AssertProblemAsync(response, 400);
        Assert.NotNull(problem["errors"]?["name"]);
        if (name.Any(c => c is '\u202E' or '\u2066'))
        {
            Assert.Contains($"bidi controls (U+202A-U+202E, U+2066-U+2069); it has U+{(int)name.First(c => c is '\u202E' or '\u2066'):X4}.",
                problem["errors"]!["name"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_name_in_another_script_or_with_accents_is_taken()
    {
        var admin = factory.CreateAdminClient();

        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "studio-u", name = "Studio Ünder — שלום" })).StatusCode);
    }

    [Fact]
    public async Task A_tenant_has_at_most_100_keys_in_use_rotating_one_is_allowed_and_revoking_one_makes_room()
    {
        var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "keyring", name = new string('k', 200) })).StatusCode);
        string? first = null;
        for (var i = 0; i < 100; i++)
        {
            var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/keyring/keys", new { name = $"ci-{i}", scopes = "read" }));
            first ??= issued["key"]!["keyId"]!.GetValue<string>();
        }

        var full = await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync("/v1/tenants/keyring/keys", new { name = "one-more", scopes = "read" }), 409);
        Assert.Contains("100 keys in use", full["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var rotated = await admin.PostAsync($"/v1/tenants/keyring/keys/{first}/rotate", null);
        Assert.Equal(200, (int)rotated.StatusCode);
        first = (await ApiJson.ReadAsync(rotated))["key"]!["keyId"]!.GetValue<string>();
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/keyring/keys/{first}")).StatusCode);
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants/keyring/keys", new { name = new string('n', 100), scopes = "read" })).StatusCode);
    }

    [Fact]
    public async Task A_body_that_gives_a_property_twice_is_refused_and_issues_nothing()
    {
        var admin = factory.CreateAdminClient();
        var before = (await ApiJson.ReadAsync(await admin.GetAsync("/v1/tenants/admin/keys")))["items"]!.AsArray().Count;
        var twice = new StringContent("""{"name":"dup","scopes":"read","scopes":"admin"}""", System.Text.Encoding.UTF8, "application/json");

        var problem = await ApiJson.AssertProblemAsync(await admin.PostAsync("/v1/tenants/admin/keys", twice), 400);

        Assert.Equal("Invalid request body", problem["title"]!.GetValue<string>());
        Assert.StartsWith("The property 'scopes' is given more than once.", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("SampleMind.", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await ApiJson.ReadAsync(await admin.GetAsync("/v1/tenants/admin/keys")))["items"]!.AsArray().Count);
        var misspelt = await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "x", scope = "read" }), 400);
        Assert.Equal("Invalid request body", misspelt["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_tenants_admin_manages_only_its_own_keys()
    {
        var admin = factory.CreateAdminClient();
        Assert.Equal(201, (int)(await admin.PostAsJsonAsync("/v1/tenants", new { id = "acme", plan = "pro" })).StatusCode);
        var acmeKey = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/acme/keys", new { name = "acme-admin", scopes = "admin" }));
        var acme = factory.CreateClient(acmeKey["token"]!.GetValue<string>());

        Assert.Equal(200, (int)(await acme.GetAsync("/v1/tenants/acme/keys")).StatusCode);
        await ApiJson.AssertProblemAsync(await acme.GetAsync("/v1/tenants/admin/keys"), 403);
        await ApiJson.AssertProblemAsync(await acme.PostAsJsonAsync("/v1/tenants", new { id = "evil" }), 403);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_admin_key_file_is_readable_by_its_owner_only()
    {
        await factory.CreateClient().GetAsync("/v1/health");

        var mode = File.GetUnixFileMode(factory.AdminKeyFile);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
