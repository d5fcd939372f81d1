using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Sessions;

public sealed class SessionSocketTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Many_clients_editing_concurrently_with_one_reconnecting_converge_on_the_servers_document()
    {
        var admin = factory.CreateAdminClient();
        var token = SessionFixture.Token(factory);
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var clients = Enumerable.Range(0, 12).Select(i => new SessionSocketClient(factory.Server, sessionId, token, $"client-{i}")).ToList();
        foreach (var client in clients)
        {
            await client.ConnectAsync();
        }

        var wanderer = clients[3];
        await Task.WhenAll(clients.Select((client, i) => EditAsync(client, new Random(1000 + i), 25, client == wanderer)));
        var total = clients.Sum(c => c.LocalOps);
        await SessionFixture.AllAtAsync(clients, total);

        var (revision, document) = await SessionFixture.SnapshotAsync(admin, sessionId);
        Assert.Equal(total, revision);
        foreach (var client in clients)
        {
            Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(client.DocumentJson)), $"{client.ClientId} diverged");
            Assert.Empty(client.Errors);
        }

        var history = await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}/history?from=0"));
        var authored = history["ops"]!.AsArray().Select(op => (op!["clientId"]!.GetValue<string>(), op["clientSeq"]!.GetValue<long>())).ToList();
        Assert.Equal(total, authored.Count);
        Assert.Equal(authored.Count, authored.Distinct().Count());
        await Task.WhenAll(clients.Select(c => c.CloseAsync()));
    }

    [Fact]
    public async Task A_resent_op_is_acknowledged_with_its_first_revision_and_applied_once()
    {
        var (client, admin, sessionId) = await ConnectOneAsync("dup");
        var op = new JsonObject
        {
            ["type"] = "op", ["clientSeq"] = 1, ["baseRevision"] = 0,
            ["op"] = JsonNode.Parse("""{"ops":[{"kind":"set","path":["tempo"],"value":140}]}"""),
        };

        await client.SendJsonAsync(op);
        await Eventually.HoldsAsync(() => client.Received.Any(m => Type(m) == "ack"), SessionFixture.Settle, "the first ack");
        await client.SendJsonAsync((JsonObject)op.DeepClone());
        await Eventually.HoldsAsync(() => client.Received.Count(m => Type(m) == "ack") == 2, SessionFixture.Settle, "two acks");

        var acks = client.Received.Where(m => Type(m) == "ack").ToList();
        Assert.All(acks, ack => Assert.Equal(1, ack["revision"]!.GetValue<long>()));
        var (revision, document) = await SessionFixture.SnapshotAsync(admin, sessionId);
        Assert.Equal(1, revision);
        Assert.Equal(140, document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public async Task Another_op_under_a_used_clientSeq_gets_an_error_not_an_ack_and_is_not_applied()
    {
        var (client, admin, sessionId) = await ConnectOneAsync("reload");
        await client.SendTextAsync("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":140}]}}""");
        await Eventually.HoldsAsync(() => client.Received.Any(m => Type(m) == "ack"), SessionFixture.Settle, "the first ack");

        await client.SendTextAsync("""{"type":"op","clientSeq":1,"baseRevision":1,"op":{"ops":[{"kind":"set","path":["tempo"],"value":101}]}}""");
        await Eventually.HoldsAsync(() => client.Received.Any(m => Type(m) == "error"), SessionFixture.Settle, "an error for the reused clientSeq");

        var error = client.Received.First(m => Type(m) == "error");
        Assert.Equal(1, error["clientSeq"]!.GetValue<long>());
        Assert.Contains("already used for another op", error["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(client.Received, m => Type(m) == "ack");
        var (revision, document) = await SessionFixture.SnapshotAsync(admin, sessionId);
        Assert.Equal(1, revision);
        Assert.Equal(140, document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_viewers_op_is_refused_with_an_error_and_the_document_is_unchanged()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var viewer = new SessionSocketClient(factory.Server, sessionId, SessionFixture.Token(factory), "watcher", role: "viewer");
        await viewer.ConnectAsync();

        await viewer.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 90), new Random(1));
        await Eventually.HoldsAsync(() => !viewer.Errors.IsEmpty, SessionFixture.Settle, "an error for the viewer's op");

        Assert.Equal("viewer", viewer.GrantedRole);
        Assert.Contains("viewer", viewer.Errors.First()["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, viewer.Errors.First()["clientSeq"]!.GetValue<long>());
        Assert.Equal(0, (await SessionFixture.SnapshotAsync(admin, sessionId)).Revision);
    }

    [Fact]
    public async Task Malformed_and_oversized_messages_get_errors_and_the_socket_stays_usable()
    {
        var (client, admin, sessionId) = await ConnectOneAsync("sloppy");

        await client.SendTextAsync("{not json");
        await client.SendTextAsync("[1,2,3]");
        await client.SendJsonAsync(new JsonObject { ["type"] = "op", ["clientSeq"] = 1 });
        await client.SendJsonAsync(new JsonObject { ["type"] = "op", ["clientSeq"] = 1, ["baseRevision"] = 0, ["op"] = JsonNode.Parse("""{"ops":[{"kind":"set","path":["nope"],"value":1}]}""") });
        await client.SendTextAsync("{\"type\":\"chat\",\"text\":\"" + new string('x', 300 * 1024) + "\"}");
        await Eventually.HoldsAsync(() => client.Errors.Count == 5, SessionFixture.Settle, "five errors");

        await client.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 100), new Random(2));
        await SessionFixture.AllAtAsync([client], 1);
        Assert.Equal(100, (await SessionFixture.SnapshotAsync(admin, sessionId)).Document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public async Task Unknown_and_wrongly_typed_fields_get_errors_naming_them_and_nothing_reaches_the_others()
    {
        var (admin, sessionId, alice, bob) = await SessionFixture.ConnectPairAsync(factory);

        await alice.SendJsonAsync(new JsonObject { ["type"] = "chat", ["text"] = "hi", ["txt"] = "typo" });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "op", ["clientSeq"] = 1, ["base_revision"] = 0, ["op"] = new JsonObject { ["ops"] = new JsonArray() } });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "undo", ["steps"] = 2 });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "presence", ["selection"] = "tracks/0" });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "presence", ["playheadBeat"] = "12" });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "presence", ["selection"] = new JsonArray([.. Enumerable.Range(0, 65).Select(i => JsonValue.Create($"clips/{i}"))]) });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "presence", ["cursor"] = 3 });
        await Eventually.HoldsAsync(() => alice.Errors.Count == 7, SessionFixture.Settle, "seven errors");
        var reasons = alice.Errors.Select(e => e["reason"]!.GetValue<string>()).ToArray();
        Assert.Contains("no field 'txt'", reasons[0], StringComparison.Ordinal);
        Assert.Contains("it takes text", reasons[0], StringComparison.Ordinal);
        Assert.Contains("no field 'base_revision'", reasons[1], StringComparison.Ordinal);
        Assert.Equal(1, alice.Errors.ElementAt(1)["clientSeq"]!.GetValue<long>());
        Assert.Contains("no field 'steps'", reasons[2], StringComparison.Ordinal);
        Assert.Contains("selection", reasons[3], StringComparison.Ordinal);
        Assert.Contains("playheadBeat", reasons[4], StringComparison.Ordinal);
        Assert.Contains("at most 64", reasons[5], StringComparison.Ordinal);
        Assert.Contains("cursor", reasons[6], StringComparison.Ordinal);

        // The socket goes on; bob sees only what was sent right.
        await alice.SendJsonAsync(new JsonObject { ["type"] = "presence", ["cursor"] = "tracks/1", ["selection"] = null, ["playheadBeat"] = 4 });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "chat", ["text"] = "done" });
        await Eventually.HoldsAsync(() => bob.Received.Any(m => Type(m) == "chat"), SessionFixture.Settle, "bob gets the chat");
        Assert.Equal("tracks/1", bob.Received.Single(m => Type(m) == "presence")["cursor"]!.GetValue<string>());
        Assert.Equal("done", bob.Received.Single(m => Type(m) == "chat")["text"]!.GetValue<string>());
        Assert.DoesNotContain(bob.Received, m => Type(m) == "op");
        Assert.Equal(0, (await SessionFixture.SnapshotAsync(admin, sessionId)).Revision);
    }

    [Fact]
    public async Task An_op_with_a_misspelt_or_missing_field_is_refused_not_applied_with_a_default()
    {
        var (client, admin, sessionId) = await ConnectOneAsync("typist");
        string[] ops =
        [
            """{"ops":[{"kind":"set","path":["tempo"],"valeu":90}]}""",
            """{"ops":[{"path":["tempo"],"value":90}]}""",
            """{"opz":[{"kind":"set","path":["tempo"],"value":90}]}""",
            """{"ops":[{"kind":"move","path":["tracks",0],"to_index":1}]}""",
            """{"ops":null}""",
        ];
        for (var i = 0; i < ops.Length; i++)
        {
            await client.SendJsonAsync(new JsonObject { ["type"] = "op", ["clientSeq"] = i + 1, ["baseRevision"] = 0, ["op"] = JsonNode.Parse(ops[i]) });
        }

        await Eventually.HoldsAsync(() => client.Errors.Count == ops.Length, SessionFixture.Settle, "an error per op");
        var errors = client.Errors.ToArray();
        Assert.Equal([1L, 2, 3, 4, 5], errors.Select(e => e["clientSeq"]!.GetValue<long>()));
        string[] named = ["valeu", "kind", "opz", "to_index", "ops"];
        for (var i = 0; i < named.Length; i++)
        {
            Assert.Contains(named[i], errors[i]["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain("SampleMind", errors[i]["reason"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain(".NET", errors[i]["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await SessionFixture.SnapshotAsync(admin, sessionId)).Revision);
        await client.EditAsync((doc, _) => ProjectEdits.SetTempo(doc, 100), new Random(3));
        await SessionFixture.AllAtAsync([client], 1);
        Assert.Equal(100, (await SessionFixture.SnapshotAsync(admin, sessionId)).Document["tempo"]!.GetValue<double>());
    }

    [Fact]
    public async Task An_unknown_kind_or_a_number_out_of_range_is_refused_in_the_protocols_words()
    {
        var (client, admin, sessionId) = await ConnectOneAsync("outlier");
        (string Op, string Says)[] ops =
        [
            ("""{"ops":[{"kind":"frob","path":["tempo"],"value":90}]}""", "unknown op kind: 'kind' is one of set, insert, delete, move and editText (at $.ops[0].kind)"),
            ("""{"ops":[{"kind":"delete","path":["tracks",99999999999]}]}""", "a path index is a whole number from 0 to 2,147,483,647"),
            ("""{"ops":[{"kind":"editText","path":["name"],"text":[-2147483648]}]}""", "a text operation's count is a whole number from -2,147,483,647"),
        ];
        for (var i = 0; i < ops.Length; i++)
        {
            await client.SendJsonAsync(new JsonObject { ["type"] = "op", ["clientSeq"] = i + 1, ["baseRevision"] = 0, ["op"] = JsonNode.Parse(ops[i].Op) });
        }

        await Eventually.HoldsAsync(() => client.Errors.Count == ops.Length, SessionFixture.Settle, "an error per op");
        var errors = client.Errors.ToArray();
        for (var i = 0; i < ops.Length; i++)
        {
            var reason = errors[i]["reason"]!.GetValue<string>();
            Assert.Equal(i + 1, errors[i]["clientSeq"]!.GetValue<long>());
            Assert.Contains(ops[i].Says, reason, StringComparison.Ordinal);
            Assert.DoesNotContain("SampleMind", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("LineNumber", reason, StringComparison.Ordinal);
        }

        Assert.Equal(0, (await SessionFixture.SnapshotAsync(admin, sessionId)).Revision);
    }

    [Fact]
    public async Task A_hello_with_a_role_or_revision_of_the_wrong_type_is_refused_not_taken_as_the_default()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var client = factory.Server.CreateWebSocketClient();
        var token = SessionFixture.Token(factory);
        client.ConfigureRequest = request => request.Headers.Authorization = "Bearer " + token;
        using var socket = await client.ConnectAsync(new Uri($"ws://localhost/v1/sessions/{sessionId}/ws"), CancellationToken.None);

        (string Hello, string Named)[] hellos =
        [
            ("""{"type":"hello","clientId":"v","role":5}""", "'role'"),
            ("""{"type":"hello","clientId":"v","role":"admin"}""", "'role'"),
            ("""{"type":"hello","clientId":"v","lastRevision":"7"}""", "'lastRevision'"),
            ("""{"type":"hello","clientId":"v","lastRevision":-2}""", "'lastRevision'"),
            ("""{"type":"hello","clientId":"V!"}""", "'clientId'"),
        ];
        foreach (var (hello, named) in hellos)
        {
            await socket.SendAsync(System.Text.Encoding.UTF8.GetBytes(hello), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
            var reply = await ReceiveAsync(socket);
            Assert.Equal("error", reply["type"]!.GetValue<string>());
            Assert.Contains(named, reply["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await socket.SendAsync("""{"type":"hello","clientId":"v","role":"viewer"}"""u8.ToArray(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        var welcome = await ReceiveAsync(socket);
        Assert.Equal("welcome", welcome["type"]!.GetValue<string>());
        Assert.Equal("viewer", welcome["role"]!.GetValue<string>());
    }

    private static async Task<JsonObject> ReceiveAsync(System.Net.WebSockets.WebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.True(result.EndOfMessage);
        return JsonNode.Parse(buffer.AsSpan(0, result.Count))!.AsObject();
    }

    [Fact]
    public async Task Presence_and_chat_reach_the_other_participants()
    {
        var (admin, sessionId, alice, bob) = await SessionFixture.ConnectPairAsync(factory, bobKeyAsSubprotocol: true);
        Assert.Equal("samplemind.session", bob.SubProtocol);
        Assert.Null(alice.SubProtocol);

        await alice.SendJsonAsync(new JsonObject { ["type"] = "presence", ["cursor"] = "tracks/0", ["playheadBeat"] = 12.5 });
        await alice.SendJsonAsync(new JsonObject { ["type"] = "chat", ["text"] = "hi bob" });

        await Eventually.HoldsAsync(() => bob.Received.Any(m => Type(m) == "chat"), SessionFixture.Settle, "bob gets the chat");
        var presence = bob.Received.Single(m => Type(m) == "presence");
        Assert.Equal("alice", presence["clientId"]!.GetValue<string>());
        Assert.Equal(12.5, presence["playheadBeat"]!.GetValue<double>());
        Assert.Equal("hi bob", bob.Received.Single(m => Type(m) == "chat")["text"]!.GetValue<string>());
        var info = await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}"));
        Assert.Equal(2, info["participants"]!.AsArray().Count);
        Assert.All(info["participants"]!.AsArray(), p => Assert.Equal("owner", p!["role"]!.GetValue<string>()));
    }

    private async Task<(SessionSocketClient Client, HttpClient Admin, string SessionId)> ConnectOneAsync(string clientId)
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var client = new SessionSocketClient(factory.Server, sessionId, SessionFixture.Token(factory), clientId);
        await client.ConnectAsync();
        return (client, admin, sessionId);
    }

    private static async Task EditAsync(SessionSocketClient client, Random random, int ops, bool reconnectMidway)
    {
        for (var i = 0; i < ops; i++)
        {
            if (reconnectMidway && i == ops / 3)
            {
                await client.DisconnectAsync();
            }

            await client.EditAsync(ProjectEdits.Random, random);
            if (reconnectMidway && i == (ops / 3) + 3)
            {
                await client.ConnectAsync();
            }

            await Task.Yield();
        }
    }

    private static string Type(JsonObject message) => message["type"]!.GetValue<string>();
}
