using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Sessions;

/// <summary>Exact input on a session socket: what is refused gets an error naming the field, and the socket goes on.</summary>
public sealed class SessionInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Lone_surrogates_and_an_infinite_playhead_get_errors_naming_the_field_and_the_socket_stays_open()
    {
        using var socket = await ConnectAsync("probe");
        (string Message, string Named)[] inputs =
        [
            ("""{"type":"\ud800"}""", "'type'"),
            ("""{"type":"chat","\ud800":1}""", "field name"),
            ("""{"type":"chat","text":"a\ud800b"}""", "'text'"),
            ("""{"type":"presence","cursor":"\udc00"}""", "'cursor'"),
            ("""{"type":"presence","selection":["ok","\ud800"]}""", "'selection'"),
            ("""{"type":"presence","playheadBeat":1e400}""", "playheadBeat"),
            ("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["name"],"value":"\udfff"}]}}""", "'op'"),
        ];

        foreach (var (message, named) in inputs)
        {
            await socket.SendAsync(message);
            var error = await socket.ReceiveAsync("error");
            Assert.Contains(named, error["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await socket.SendAsync("""{"type":"chat","text":"still here"}""");
        Assert.Equal("still here", (await socket.ReceiveAsync("chat"))["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Fields_of_the_wrong_type_get_errors_naming_them_in_good_grammar()
    {
        using var socket = await ConnectAsync("typed");
        (string Message, string Says)[] inputs =
        [
            ("""{"type":"op","clientSeq":"1","baseRevision":0,"op":{"ops":[]}}""", "'clientSeq'"),
            ("""{"type":"op","clientSeq":1,"baseRevision":"0","op":{"ops":[]}}""", "'baseRevision'"),
            ("""{"type":"op","clientSeq":1,"baseRevision":0,"op":[]}""", "'op'"),
            ("""{"type":"chat","text":5}""", "'text'"),
            ("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[]},"x":1}""", "An op message has no field 'x'"),
            ("""{"type":"undo","steps":1}""", "An undo message has no field 'steps'"),
            ("""{"type":"chat","text":"a","text":"b"}""", "'text'"),
            ("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[{"kind":"set","kind":"delete","path":["tempo"]}]}}""", "'kind'"),
            ("""{"type":"hello","clientId":"x","clientId":"y"}""", "'clientId'"),
        ];

        foreach (var (message, says) in inputs)
        {
            await socket.SendAsync(message);
            Assert.Contains(says, (await socket.ReceiveAsync("error"))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_lower_sequence_number_never_committed_is_refused_not_acknowledged()
    {
        using var socket = await ConnectAsync("jumper");
        await socket.SendAsync("""{"type":"op","clientSeq":10,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""");
        Assert.Equal(1, (await socket.ReceiveAsync("ack"))["revision"]!.GetValue<long>());

        await socket.SendAsync("""{"type":"op","clientSeq":5,"baseRevision":1,"op":{"ops":[{"kind":"set","path":["tempo"],"value":100}]}}""");
        var answer = (await socket.ReceiveAsync())!;

        Assert.Equal("error", answer["type"]!.GetValue<string>());
        Assert.Equal(5, answer["clientSeq"]!.GetValue<long>());
        Assert.Contains("10", answer["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Presence_is_sent_in_presence_messages_to_a_joiner_not_in_participant_lists()
    {
        var admin = factory.CreateAdminClient();
        var sessionId = await SessionFixture.CreateSessionAsync(admin);
        var token = SessionFixture.Token(factory);
        using var alice = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, token);
        Assert.Equal("welcome", (await alice.HelloAsync("alice"))["type"]!.GetValue<string>());
        await alice.SendAsync("""{"type":"presence","cursor":"tracks/0","selection":["clip-1"]}""");
        await alice.SendAsync("""{"type":"chat","text":"marked"}""");
        await alice.ReceiveAsync("chat");

        using var carol = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, token);
        var welcome = await carol.HelloAsync("carol");
        var presence = await carol.ReceiveAsync("presence");

        Assert.All(welcome["participants"]!.AsArray(), p => Assert.Null(p!["presence"]));
        Assert.Equal(("alice", "tracks/0"), (presence["clientId"]!.GetValue<string>(), presence["cursor"]!.GetValue<string>()));
        Assert.All((await alice.ReceiveAsync("participants"))["participants"]!.AsArray(), p => Assert.Null(p!["presence"]));
        var info = await ApiJson.ReadAsync(await admin.GetAsync($"/v1/sessions/{sessionId}"));
        Assert.All(info["participants"]!.AsArray(), p => Assert.Null(p!["presence"]));
    }

    [Fact]
    public async Task A_hello_asking_for_the_owner_role_is_refused_and_the_socket_takes_another_hello()
    {
        var sessionId = await SessionFixture.CreateSessionAsync(factory.CreateAdminClient());
        using var socket = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, SessionFixture.Token(factory));

        await socket.SendAsync("""{"type":"hello","clientId":"asks","role":"owner"}""");
        Assert.Contains("'role'", (await socket.ReceiveAsync("error"))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("welcome", (await socket.HelloAsync("asks"))["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Numbers_past_what_a_browser_holds_exactly_are_refused_and_leave_the_client_id_usable()
    {
        using var socket = await ConnectAsync("big-numbers");
        (string Message, string Says)[] inputs =
        [
            ("""{"type":"op","clientSeq":9007199254740992,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""", "'clientSeq'"),
            ("""{"type":"op","clientSeq":9223372036854775807,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""", "'clientSeq'"),
            ("""{"type":"op","clientSeq":1,"baseRevision":9007199254740992,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""", "'baseRevision'"),
        ];

        foreach (var (message, says) in inputs)
        {
            await socket.SendAsync(message);
            var reason = (await socket.ReceiveAsync("error"))["reason"]!.GetValue<string>();
            Assert.Contains(says, reason, StringComparison.Ordinal);
            Assert.Contains("9,007,199,254,740,991", reason, StringComparison.Ordinal);
        }

        await socket.SendAsync("""{"type":"op","clientSeq":1,"baseRevision":0,"op":{"ops":[{"kind":"set","path":["tempo"],"value":90}]}}""");
        Assert.Equal(1L, (await socket.ReceiveAsync("ack"))["clientSeq"]!.GetValue<long>());
    }

    [Fact]
    public async Task Chat_with_control_characters_other_than_line_breaks_and_tabs_or_with_bidi_controls_is_refused()
    {
        using var socket = await ConnectAsync("chatter");
        foreach (var text in new[] { "a\\u0000b", "\\u001b[31mred", "bell\\u0007", "c1\\u009b", "evil\\u202Etxt", "x\\u2066y", "lre\\u202A" })
        {
            await socket.SendAsync($$"""{"type":"chat","text":"{{text}}"}""");
            Assert.Contains("control characters", (await socket.ReceiveAsync("error"))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await socket.SendAsync("""{"type":"chat","text":"two\nlines\tand a tab"}""");
        Assert.Equal("two\nlines\tand a tab", (await socket.ReceiveAsync("chat"))["text"]!.GetValue<string>());
    }

    private async Task<RawSessionSocket> ConnectAsync(string clientId)
    {
        var sessionId = await SessionFixture.CreateSessionAsync(factory.CreateAdminClient());
        var socket = await RawSessionSocket.ConnectAsync(factory.Server, sessionId, SessionFixture.Token(factory));
        Assert.Equal("welcome", (await socket.HelloAsync(clientId))["type"]!.GetValue<string>());
        return socket;
    }
}
