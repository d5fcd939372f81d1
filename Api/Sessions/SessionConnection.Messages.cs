using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SampleMind.Api.Endpoints;
using SampleMind.Collaboration.Text;
using SampleMind.Grains.Abstractions.Sessions;
using SampleMind.Runtime;

namespace SampleMind.Api.Sessions;

internal sealed partial class SessionConnection
{
    /// <summary>A property given twice refuses the message (as REST refuses such a body): the last one would win silently.</summary>
    private static readonly JsonDocumentOptions s_documentOptions = new() { AllowDuplicateProperties = false };

    /// <summary>Handles one client message; bad input gets an error message, never a closed socket.</summary>
    private async Task HandleAsync(ReadOnlyMemory<byte> utf8Json)
    {
        if (_ended)
        {
            // Taken over or revoked: nothing more is taken from this socket.
            return;
        }

        JsonDocument? document;
        (string Reason, long? ClientSeq)? invalid;
        try
        {
            // The text is checked first: the document's check for a property given twice unescapes names, and a lone
            // surrogate in one is no Unicode.
            invalid = InvalidText(utf8Json.Span);
            document = invalid is null ? JsonDocument.Parse(utf8Json, s_documentOptions) : null;
        }
        catch (JsonException e)
        {
            Enqueue(SessionMessages.Error("The message is not valid JSON: " + e.Message));
            return;
        }

        if (document is null)
        {
            Enqueue(SessionMessages.Error(invalid!.Value.Reason, invalid.Value.ClientSeq));
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
                // have been committed, so the client reconnects and resends; the session recognises a duplicate. The
                // client is told which, not the exception (silo addresses, database errors): that goes to the log.
                LogMessageFailed(logger ?? NullLogger.Instance, type, caller.TenantId, e);
                GoAway(e is StaleActivationException
                    ? e.Message
                    : $"The session could not handle the {type} message just now (its silo is unreachable or moving, or its storage failed): reconnect and resend.");
            }
        }
    }

    /// <summary>
    /// Why the message's text is not Unicode, naming the field, with the op's clientSeq; or null. JSON may escape a lone
    /// surrogate (<c>"\ud800"</c>), which no .NET string, and no other client, can take: such a message is refused whole.
    /// Read with a reader alone: the document's own lookups unescape names, and would throw on such a name.
    /// </summary>
    private static (string Reason, long? ClientSeq)? InvalidText(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        var field = "";
        string? reason = null;
        var isOp = false;
        long? clientSeq = null;
        while (reader.Read())
        {
            var topLevel = reader.CurrentDepth == 1;
            if (topLevel && reader.TokenType == JsonTokenType.String && field == "type")
            {
                isOp = !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual("op"u8);
            }
            else if (topLevel && reader.TokenType == JsonTokenType.Number && field == "clientSeq" && reader.TryGetInt64(out var seq))
            {
                clientSeq = seq;
            }

            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String))
            {
                continue;
            }

            var named = topLevel && reader.TokenType == JsonTokenType.PropertyName;
            try
            {
                var text = reader.ValueIsEscaped || named ? reader.GetString() : null;
                field = named ? text! : field;
            }
            catch (InvalidOperationException)
            {
                reason ??= named
                    ? "A field name is not valid Unicode (it holds a lone surrogate, such as \\ud800); the message was skipped."
                    : $"The field '{field}' is not valid Unicode text (it holds a lone surrogate, such as \\ud800); the message was skipped.";
                field = named ? "" : field;
            }
        }

        return reason is null ? null : (reason, isOp ? clientSeq : null);
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
                var article = type is "op" or "undo" ? "An" : "A";
                Enqueue(SessionMessages.Error($"{article} {type} message has no field '{property.Name}': it takes {takes}.", type == "op" ? ReadInt64(root, "clientSeq") : null));
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
        if (HelloError(root) is { } error)
        {
            Enqueue(SessionMessages.Error(error));
            return;
        }

        var clientId = ReadString(root, "clientId")!;
        var role = ReadString(root, "role") == "viewer" ? SessionRole.Viewer : SessionRole.Editor;
        var lastRevision = ReadInt64(root, "lastRevision") ?? -1;
        _reference ??= grains.CreateObjectReference<ISessionObserver>(this);
        var joined = await session.Join(clientId, caller.KeyId, role, _reference, lastRevision);
        if (!joined.Joined)
        {
            Enqueue(SessionMessages.Error(joined.Reason ?? "The session refused the join."));
            return;
        }

        _clientId = clientId;
        Start(joined, lastRevision);
    }

    /// <summary>Why a hello is refused, naming the field, or null.</summary>
    private string? HelloError(JsonElement root)
    {
        if (_clientId is not null)
        {
            return "Hello was already said on this connection.";
        }

        if (!Identifiers.IsValid(ReadString(root, "clientId")))
        {
            return "A hello's 'clientId' is 1-64 of a-z, 0-9, '-' and '_'.";
        }

        if (Present(root, "role") && ReadString(root, "role") is not ("editor" or "viewer"))
        {
            return "A hello's 'role' is optional: 'editor' (the default) or 'viewer'.";
        }

        return Present(root, "lastRevision") && ReadInt64(root, "lastRevision") is not (>= -1 and <= SessionLimits.MaxSafeInteger)
            ? $"A hello's 'lastRevision' is optional: a whole number from -1 to {SessionLimits.MaxSafeInteger:N0} (absent or -1: nothing yet)."
            : null;
    }

    private async Task SubmitAsync(JsonElement root)
    {
        var clientSeq = ReadInt64(root, "clientSeq");
        var baseRevision = ReadInt64(root, "baseRevision");
        var op = root.TryGetProperty("op", out var value) && value.ValueKind == JsonValueKind.Object ? value.GetRawText() : null;
        var error = clientSeq is not (> 0 and <= SessionLimits.MaxSafeInteger)
                ? $"An op's 'clientSeq' is a whole number from 1 to {SessionLimits.MaxSafeInteger:N0} (2^53 - 1, the largest a browser's JSON number holds exactly)."
            : baseRevision is not (>= 0 and <= SessionLimits.MaxSafeInteger)
                ? $"An op's 'baseRevision' is a whole number from 0 to {SessionLimits.MaxSafeInteger:N0} (2^53 - 1)."
            : op is null ? "An op's 'op' is an object: {\"ops\":[...]}."
            : null;
        if (error is not null)
        {
            // A clientSeq past the bound is not echoed: the client would read it rounded, as another op's number.
            Enqueue(SessionMessages.Error(error, clientSeq is <= SessionLimits.MaxSafeInteger ? clientSeq : null));
            return;
        }

        var result = await session.Submit(_clientId!, _reference!, clientSeq!.Value, baseRevision!.Value, op!);
        switch (result.Status)
        {
            case SessionSubmitStatus.Duplicate:
                AckDuplicate(clientSeq.Value, result.Revision);
                break;
            case SessionSubmitStatus.Rejected:
                Enqueue(SessionMessages.Error(result.Reason ?? "The op was refused.", clientSeq));
                break;
            case SessionSubmitStatus.NotJoined:
                // The session was reactivated without this participant: its pushes no longer reach this connection.
                GoAway(result.Reason ?? "The session does not know this client.");
                break;
            case SessionSubmitStatus.TakenOver:
                TakenOver(result.Reason ?? "Another connection took over this client id.");
                break;
            default:
                // Committed: the session's broadcast brings the ack, in revision order.
                break;
        }
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
        return session.UpdatePresence(_clientId!, _reference!, new SessionPresence(cursor, selection, playhead));
    }

    /// <summary>Why a presence message is refused, or null; each field may be absent or null (nothing to show).</summary>
    private static string? PresenceError(JsonElement root)
    {
        if (root.TryGetProperty("cursor", out var cursor) && cursor.ValueKind != JsonValueKind.Null
            && (cursor.ValueKind != JsonValueKind.String || CodePoints.Count(cursor.GetString()!) > SessionLimits.MaxCursorLength))
        {
            return $"A cursor is a string of at most {SessionLimits.MaxCursorLength} characters.";
        }

        if (root.TryGetProperty("selection", out var selection) && selection.ValueKind != JsonValueKind.Null
            && (selection.ValueKind != JsonValueKind.Array || selection.GetArrayLength() > SessionLimits.MaxSelection
                || selection.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String || item.GetString()!.Length > SessionLimits.MaxSelectionIdLength)))
        {
            return $"A selection is an array of at most {SessionLimits.MaxSelection} ids of at most {SessionLimits.MaxSelectionIdLength} characters each.";
        }

        // A number too large for a double (1e400) reads as no number at all, not as infinity.
        if (root.TryGetProperty("playheadBeat", out var beat) && beat.ValueKind != JsonValueKind.Null
            && (beat.ValueKind != JsonValueKind.Number || !beat.TryGetDouble(out var value) || !double.IsFinite(value) || value < 0))
        {
            return "A playheadBeat is a finite number, 0 or more.";
        }

        return null;
    }

    private Task ChatAsync(JsonElement root)
    {
        var text = ReadString(root, "text");
        if (string.IsNullOrWhiteSpace(text) || CodePoints.Count(text) > SessionLimits.MaxChatCharacters)
        {
            Enqueue(SessionMessages.Error("A chat's 'text' is a string of 1 to 2,000 characters, not all white space."));
            return Task.CompletedTask;
        }

        if (ControlCharacters.FindRefused(text, allowBreaks: true) is { } refused)
        {
            // Shown to everyone as it is: a NUL, an escape sequence (ESC) or a bidi override could corrupt, restyle or reorder another client's view.
            Enqueue(SessionMessages.Error(
                $"A chat's 'text' has no control characters other than line breaks (\\n) and tabs, nor bidi controls (U+202A-U+202E, U+2066-U+2069); it has U+{(int)refused:X4}."));
            return Task.CompletedTask;
        }

        return session.Chat(_clientId!, _reference!, text);
    }

    private static bool Present(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private async Task UndoAsync(bool redo)
    {
        var result = redo ? await session.RedoFor(_clientId!, _reference, null) : await session.UndoFor(_clientId!, _reference, null);
        if (result.Status == SessionSubmitStatus.Rejected)
        {
            Enqueue(SessionMessages.Error(result.Reason ?? (redo ? "Nothing to redo." : "Nothing to undo.")));
        }
        else if (result.Status == SessionSubmitStatus.TakenOver)
        {
            TakenOver(result.Reason ?? "Another connection took over this client id.");
        }
        else if (result.Status == SessionSubmitStatus.NotJoined)
        {
            GoAway(result.Reason ?? "The session does not know this client.");
        }
    }

    /// <summary>The session gave this connection's client id to another connection of the same key: end without a reconnect.</summary>
    private void TakenOver(string reason) => End(reason, WebSocketCloseStatus.NormalClosure, "taken over");

    [LoggerMessage(EventId = 7400, Level = LogLevel.Warning,
        Message = "A session message ({Type}) of tenant {TenantId} failed; the client was told to reconnect and resend")]
    private static partial void LogMessageFailed(ILogger logger, string? type, string tenantId, Exception exception);
}
