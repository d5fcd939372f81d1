using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Sessions;

public sealed class SessionsRestTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_created_session_reports_its_library_owner_and_revision_zero()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin, "loops");

        var info = await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}"));

        Assert.Equal("loops", info["libraryId"]!.GetValue<string>());
        Assert.Equal(0, info["revision"]!.GetValue<long>());
        Assert.Empty(info["participants"]!.AsArray());
        var (revision, document) = await SessionFixture.SnapshotAsync(admin, sessionId);
        Assert.Equal(0, revision);
        Assert.Empty(document["tracks"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_session_id_is_quoted_with_an_escaped_slash_as_a_slash_and_a_control_character_as_its_code()
    {
        var admin = factory.CreateAdminClient();

        var lineFeed = await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/sessions/a%0Ab"), 404);
        var slash = await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/sessions/a%2Fb/history?from=0"), 404);
        var socket = await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/sessions/a%0Ab/ws"), 404);

        Assert.Equal("There is no session 'aU+000Ab'.", lineFeed["detail"]!.GetValue<string>());
        Assert.Equal("There is no session 'a/b'.", slash["detail"]!.GetValue<string>());
        Assert.Equal("There is no session 'aU+000Ab'.", socket["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_tenants_sessions_are_listed_newest_first_to_that_tenant_only()
    {
        var admin = factory.CreateAdminClient();
        var created = new List<string>();
        foreach (var library in new[] { "first", "second", "third" })
        {
            created.Add(await SessionFixture.CreateSessionAsync(admin, library));
        }

        var listed = (await ApiJson.ReadAsync(await admin.GetAsync("/v1/sessions?limit=1000")))["items"]!.AsArray();
        var ids = listed.Select(s => s!["sessionId"]!.GetValue<string>()).ToList();
        Assert.Equal(created.AsEnumerable().Reverse(), ids.Where(created.Contains));
        var third = Assert.Single(listed, s => s!["sessionId"]!.GetValue<string>() == created[2])!;
        Assert.Equal("third", third["libraryId"]!.GetValue<string>());
        var times = listed.Select(s => s!["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        var latest = (await ApiJson.ReadAsync(await admin.GetAsync("/v1/sessions?limit=2")))["items"]!.AsArray();
        Assert.Equal(ids.Take(2), latest.Select(s => s!["sessionId"]!.GetValue<string>()));
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/sessions?limit=0"), 400);

        await admin.PostAsJsonAsync("/v1/tenants", new { id = "lister", plan = "pro" });
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/lister/keys", new { name = "s", scopes = "sessions" }));
        var other = factory.CreateClient(issued["token"]!.GetValue<string>());
        Assert.Empty((await ApiJson.ReadAsync(await other.GetAsync("/v1/sessions")))["items"]!.AsArray());
    }

    [Fact]
    public async Task Bad_input_gets_problems()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);

        foreach (var body in new object[] { new { libraryId = "Not Valid!" }, new { libraryId = "../../etc" }, new { libraryId = "" }, new { } })
        {
            var invalid = await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync("/v1/sessions", body), 400);
            Assert.Equal("https://samplemind.dev/problems/validation", invalid["type"]!.GetValue<string>());
            Assert.NotNull(invalid["errors"]!["libraryId"]);
        }

        await ApiJson.AssertProblemAsync(await admin.GetAsync("/v1/sessions/0123456789abcdef0123456789abcdef"), 404);
        await ApiJson.AssertProblemAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/snapshot?revision=3"), 404);
        await ApiJson.AssertProblemAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/snapshot?revision=-1"), 400);
        await ApiJson.AssertProblemAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/history?from=4&to=2"), 400);
        foreach (var clientId in new[] { "", "Bad Id!" })
        {
            var invalid = await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/undo", new { clientId }), 400);
            Assert.NotNull(invalid["errors"]!["clientId"]);
            await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/redo", new { clientId }), 400);
        }

        await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/undo", new { clientId = "nobody" }), 409);
        await ApiJson.AssertProblemAsync(await factory.CreateClient().GetAsync($"/v1/sessions/{sessionId}"), 401);
    }

    [Fact]
    public async Task A_history_to_a_revision_past_the_current_one_is_a_404_as_its_snapshot_is()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);

        var snapshot = await ApiJson.AssertProblemAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/snapshot?revision=99"), 404);
        var history = await ApiJson.AssertProblemAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/history?to=99"), 404);
        var current = await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/history?to=0"));

        Assert.Equal("Revision 99 does not exist: the session is at revision 0.", history["detail"]!.GetValue<string>());
        Assert.Equal(snapshot["detail"]!.GetValue<string>(), history["detail"]!.GetValue<string>());
        Assert.Equal((0, 0), (current["from"]!.GetValue<long>(), current["to"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Undo_reverts_only_that_clients_latest_op()
    {
        var (admin, sessionId, alice, bob) = await SessionFixture.ConnectPairAsync(factory);
        await alice.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 150), new Random(1));
        await SessionFixture.AllAtAsync([alice, bob], 1);
        await bob.EditAsync(ProjectEdits.Random, new Random(3));
        await SessionFixture.AllAtAsync([alice, bob], 2);

        // Another key of the tenant may join the session, but not undo or redo the edits of a client id of another key.
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "colleague", scopes = "sessions" }));
        var colleague = factory.CreateClient(issued["token"]!.GetValue<string>());
        var refused = await ApiJson.AssertProblemAsync(await colleague.PostAsJsonAsync($"/v1/sessions/{sessionId}/undo", new { clientId = "alice" }), 409);
        Assert.Contains("not one of this key's", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiJson.AssertProblemAsync(await colleague.PostAsJsonAsync($"/v1/sessions/{sessionId}/redo", new { clientId = "alice" }), 409);
        Assert.Equal(2, (await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}")))["revision"]!.GetValue<long>());

        var undo = await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/undo", new { clientId = "alice" });

        Assert.Equal(200, (int)undo.StatusCode);
        Assert.Equal(3, (await ApiJson.ReadAsync(undo))["revision"]!.GetValue<long>());
        await SessionFixture.AllAtAsync([alice, bob], 3);
        var (_, document) = await SessionFixture.SnapshotAsync(admin, sessionId);
        Assert.Equal(120, document["tempo"]!.GetValue<double>());
        Assert.Single(document["tracks"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(bob.DocumentJson)));
        var old = await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/snapshot?revision=1"));
        Assert.Equal(150, old["document"]!["tempo"]!.GetValue<double>());

        await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/redo", new { clientId = "bob" }), 409);
        var redo = await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/redo", new { clientId = "alice" });

        Assert.Equal(200, (int)redo.StatusCode);
        Assert.Equal(4, (await ApiJson.ReadAsync(redo))["revision"]!.GetValue<long>());
        await SessionFixture.AllAtAsync([alice, bob], 4);
        (_, document) = await SessionFixture.SnapshotAsync(admin, sessionId);
        Assert.Equal(150, document["tempo"]!.GetValue<double>());
        Assert.Single(document["tracks"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(alice.DocumentJson)));
        await ApiJson.AssertProblemAsync(await admin.PostAsJsonAsync($"/v1/sessions/{sessionId}/redo", new { clientId = "alice" }), 409);
    }

    [Fact]
    public async Task Another_tenant_sees_neither_the_session_nor_its_socket()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        await admin.PostAsJsonAsync("/v1/tenants", new { id = "rival", plan = "pro" });
        var issued = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/rival/keys", new { name = "s", scopes = "sessions" }));
        var rivalToken = issued["token"]!.GetValue<string>();

        await ApiJson.AssertProblemAsync(await factory.CreateClient(rivalToken).GetAsync($"/v1/sessions/{sessionId}"), 404);
        var rival = new SessionSocketClient(factory.Server, sessionId, rivalToken, "spy");
        await Assert.ThrowsAnyAsync<Exception>(() => rival.ConnectAsync());
        var reader = await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "r", scopes = "read" }));
        await ApiJson.AssertProblemAsync(await factory.CreateClient(reader["token"]!.GetValue<string>()).GetAsync($"/v1/sessions/{sessionId}"), 403);
    }

    [Fact]
    public async Task The_socket_takes_the_key_from_a_header_or_a_subprotocol_and_never_from_the_url()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var token = SessionFixture.Token(factory);
        var socketPath = $"/v1/sessions/{sessionId}/ws";

        // In the URL the key would reach access logs: refused, even beside a valid header, with how to send it.
        var inUrl = await ApiJson.AssertProblemAsync(await factory.CreateClient().GetAsync($"{socketPath}?access_token={Uri.EscapeDataString(token)}"), 401);
        Assert.Contains("bearer.smk_", inUrl["detail"]!.GetValue<string>());
        await ApiJson.AssertProblemAsync(await admin.GetAsync($"{socketPath}?access_token={Uri.EscapeDataString(token)}"), 401);

        // As a subprotocol the key needs the session's subprotocol beside it, which the server selects.
        var alone = new HttpRequestMessage(HttpMethod.Get, socketPath);
        alone.Headers.Add("Sec-WebSocket-Protocol", "bearer." + token);
        var lonely = await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(alone), 401);
        Assert.Contains("samplemind.session", lonely["detail"]!.GetValue<string>());

        var wrong = new HttpRequestMessage(HttpMethod.Get, socketPath);
        wrong.Headers.Add("Sec-WebSocket-Protocol", "samplemind.session, bearer.smk_0123456789abcdef_notthesecret");
        await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(wrong), 401);

        // A key in a header that is refused gets the reason REST gives for it, not "a key is required".
        var (revoked, revokedId) = await RawSessionSocket.IssueSessionsKeyAsync(admin, "revoked");
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/v1/tenants/admin/keys/{revokedId}")).StatusCode);
        foreach (var (name, value) in new[]
        {
            ("Authorization", "Bearer " + revoked), ("X-Api-Key", revoked),
            ("Authorization", "Bearer smk_0123456789abcdef_notthesecret"), ("Authorization", "Basic abc"),
        })
        {
            var rest = new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{sessionId}");
            rest.Headers.TryAddWithoutValidation(name, value);
            var socket = new HttpRequestMessage(HttpMethod.Get, socketPath);
            socket.Headers.TryAddWithoutValidation(name, value);
            var expected = (await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(rest), 401))["detail"]!.GetValue<string>();
            var answered = (await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(socket), 401))["detail"]!.GetValue<string>();
            Assert.Equal(expected, answered);
            Assert.DoesNotContain("is required", answered, StringComparison.Ordinal);
        }

        // A valid key as a subprotocol passes; this plain request then learns that the endpoint speaks WebSocket.
        var valid = new HttpRequestMessage(HttpMethod.Get, socketPath);
        valid.Headers.Add("Sec-WebSocket-Protocol", "samplemind.session, bearer." + token);
        await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(valid), 400);
    }

    [Fact]
    public async Task The_socket_refuses_a_key_sent_two_ways_as_rest_refuses_two_key_headers()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var token = SessionFixture.Token(factory);
        var socketPath = $"/v1/sessions/{sessionId}/ws";
        var reader = (await ApiJson.ReadAsync(await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "r", scopes = "read" })))["token"]!.GetValue<string>();

        (string Header, string? Value, string Protocols)[] ambiguous =
        [
            ("Authorization", "Bearer " + reader, "samplemind.session, bearer." + token),
            ("X-Api-Key", token, "samplemind.session, bearer." + token),
            ("X-Api-Key", null, $"samplemind.session, bearer.{token}, bearer.smk_0123456789abcdef_notthesecret"),
        ];

        foreach (var (header, value, protocols) in ambiguous)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, socketPath);
            if (value is not null)
            {
                request.Headers.TryAddWithoutValidation(header, value);
            }

            request.Headers.Add("Sec-WebSocket-Protocol", protocols);
            var problem = await ApiJson.AssertProblemAsync(await factory.CreateClient().SendAsync(request), 401);
            Assert.Contains("one way", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
