using System.Text.Json;
using SampleMind.Api.Endpoints;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Api.Sessions;

internal sealed partial class SessionConnection
{
    /// <summary>Handles one client message; bad input gets an error message, never a closed socket.</summary>
    private async Task HandleAsync(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException e)
        {
            Enqueue(SessionMessages.Error("The message is not valid JSON: " + e.Message));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object ? ReadString(root, "type") : null;
            try
            {
                await DispatchAsync(type, root);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The session is unreachable (its silo died, it is moving) or failed to persist: an op may or may not
                // have been committed, so the client reconnects and resends; the session recognises a duplicate.
                GoAway($"The session could not handle the {type} message: {e.Message}");
            }
        }
    }

    /// <summary>The fields each client message takes; any other field is refused, so that a misspelt one is not ignored.</summary>
    private static readonly Dictionary<string, string[]> s_fields = new(StringComparer.Ordinal)
    {
        ["hello"] = ["type", "clientId", "lastRevision", "role"],
        ["op"] = ["type", "clientSeq", "baseRevision", "op"],
        ["presence"] = ["type", "cursor", "selection", "playheadBeat"],
        ["chat"] = ["type", "text"],
        ["undo"] = ["type"],
        ["redo"] = ["type"],
    };

    private Task DispatchAsync(string? type, JsonElement root)
    {
        if (type is null)
        {
            Enqueue(SessionMessages.Error("A message is a JSON object with a string 'type'."));
            return Task.CompletedTask;
        }

        if (!s_fields.TryGetValue(type, out var fields))
        {
            Enqueue(SessionMessages.Error($"Unknown message type '{type}': use hello, op, presence, chat, undo or redo."));
            return Task.CompletedTask;
        }

        if (_clientId is null && type != "hello")
        {
            Enqueue(SessionMessages.Error("Send hello first."));
            return Task.CompletedTask;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!fields.Contains(property.Name, StringComparer.Ordinal))
            {
                var takes = fields.Length == 1 ? "no other field" : string.Join(", ", fields.Skip(1));
                Enqueue(SessionMessages.Error($"A {type} message has no field '{property.Name}': it takes {takes}.", type == "op" ? ReadInt64(root, "clientSeq") : null));
                return Task.CompletedTask;
            }
        }

        return type switch
        {
            "hello" => HelloAsync(root),
            "op" => SubmitAsync(root),
            "presence" => PresenceAsync(root),
            "chat" => ChatAsync(root),
            "undo" => UndoAsync(redo: false),
            _ => UndoAsync(redo: true),
        };
    }

    private async Task HelloAsync(JsonElement root)
    {
        var clientId = ReadString(root, "clientId");
        var role = !Present(root, "role") ? SessionRole.Editor : ReadString(root, "role") switch
        {
            "editor" or "owner" => SessionRole.Editor,
            "viewer" => SessionRole.Viewer,
            _ => (SessionRole?)null,
        };
        var lastRevision = Present(root, "lastRevision") ? ReadInt64(root, "lastRevision") : -1;
        if (_clientId is not null || !Identifiers.IsValid(clientId) || role is null || lastRevision is not >= -1)
        {
            Enqueue(SessionMessages.Error(_clientId is not null
                ? "Hello was already said on this connection."
                : "Hello needs a clientId (1-64 of a-z, 0-9, '-', '_'), an optional lastRevision (a whole number, -1 or more) and an optional role (editor or viewer)."));
            return;
        }

        _reference ??= grains.CreateObjectReference<ISessionObserver>(this);
        var joined = await session.Join(clientId!, caller.KeyId, role.Value, _reference, lastRevision.Value);
        if (!joined.Joined)
        {
            Enqueue(SessionMessages.Error(joined.Reason ?? "The session refused the join."));
            return;
        }

        _clientId = clientId;
        Start(joined, lastRevision.Value);
    }

    private async Task SubmitAsync(JsonElement root)
    {
        var clientSeq = ReadInt64(root, "clientSeq");
        var baseRevision = ReadInt64(root, "baseRevision");
        if (clientSeq is not > 0 || baseRevision is not >= 0
            || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Object)
        {
            Enqueue(SessionMessages.Error("An op message needs clientSeq (1 or more), baseRevision (0 or more) and an op object.", clientSeq));
            return;
        }

        var result = await session.Submit(_clientId!, clientSeq.Value, baseRevision.Value, op.GetRawText());
        if (result.Status == SessionSubmitStatus.Duplicate)
        {
            AckDuplicate(clientSeq.Value, result.Revision);
        }
        else if (result.Status == SessionSubmitStatus.Rejected)
        {
            Enqueue(SessionMessages.Error(result.Reason ?? "The op was refused.", clientSeq));
        }
        else if (result.Status == SessionSubmitStatus.NotJoined)
        {
            // The session was reactivated without this participant: its pushes no longer reach this connection.
            GoAway(result.Reason ?? "The session does not know this client.");
        }

        // Committed: the session's broadcast brings the ack, in revision order.
    }

    private Task PresenceAsync(JsonElement root)
    {
        var error = PresenceError(root);
        if (error is not null)
        {
            Enqueue(SessionMessages.Error(error));
            return Task.CompletedTask;
        }

        var cursor = ReadString(root, "cursor");
        List<string>? selection = null;
        if (root.TryGetProperty("selection", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            selection = [.. items.EnumerateArray().Select(item => item.GetString()!)];
        }

        double? playhead = root.TryGetProperty("playheadBeat", out var beat) && beat.ValueKind == JsonValueKind.Number ? beat.GetDouble() : null;
        return session.UpdatePresence(_clientId!, new SessionPresence(cursor, selection, playhead));
    }

    /// <summary>Why a presence message is refused, or null; each field may be absent or null (nothing to show).</summary>
    private static string? PresenceError(JsonElement root)
    {
        if (root.TryGetProperty("cursor", out var cursor) && cursor.ValueKind != JsonValueKind.Null
            && (cursor.ValueKind != JsonValueKind.String || cursor.GetString()!.Length > MaxCursorLength))
        {
            return "A cursor is a string of at most 1,024 characters.";
        }

        if (root.TryGetProperty("selection", out var selection) && selection.ValueKind != JsonValueKind.Null
            && (selection.ValueKind != JsonValueKind.Array || selection.GetArrayLength() > MaxSelection
                || selection.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String || item.GetString()!.Length > MaxCursorLength)))
        {
            return "A selection is an array of at most 256 strings of at most 1,024 characters each.";
        }

        if (root.TryGetProperty("playheadBeat", out var beat) && beat.ValueKind != JsonValueKind.Null
            && (beat.ValueKind != JsonValueKind.Number || beat.GetDouble() < 0))
        {
            return "A playheadBeat is a number, 0 or more.";
        }

        return null;
    }

    private Task ChatAsync(JsonElement root)
    {
        var text = ReadString(root, "text");
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2_000)
        {
            Enqueue(SessionMessages.Error("A chat message needs a text of 1 to 2,000 characters."));
            return Task.CompletedTask;
        }

        return session.Chat(_clientId!, text);
    }

    private const int MaxCursorLength = 1_024;
    private const int MaxSelection = 256;

    private static bool Present(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private async Task UndoAsync(bool redo)
    {
        var result = redo ? await session.RedoFor(_clientId!) : await session.UndoFor(_clientId!);
        if (result.Status == SessionSubmitStatus.Rejected)
        {
            Enqueue(SessionMessages.Error(result.Reason ?? (redo ? "Nothing to redo." : "Nothing to undo.")));
        }
    }
}
