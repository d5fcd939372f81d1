using System.Buffers;
using System.Text.Json;
using SampleMind.Grains.Abstractions.Sessions;

namespace SampleMind.Api.Sessions;

/// <summary>
/// The server's WebSocket messages (docs/sessions.md), written as UTF-8 JSON. Ops and documents are
/// already JSON text (from the session grain) and are embedded as they are.
/// </summary>
internal static class SessionMessages
{
    public static byte[] Welcome(string clientId, SessionRole role, long revision, IReadOnlyList<SessionParticipant> participants) =>
        Write(w =>
        {
            w.WriteString("type", "welcome");
            w.WriteString("clientId", clientId);
            w.WriteString("role", RoleName(role));
            w.WriteNumber("revision", revision);
            WriteParticipants(w, participants);
        });

    public static byte[] Snapshot(SessionSnapshot snapshot) => Write(w =>
    {
        w.WriteString("type", "snapshot");
        w.WriteNumber("revision", snapshot.Revision);
        w.WritePropertyName("document");
        w.WriteRawValue(snapshot.Document, skipInputValidation: true);
    });

    public static byte[] Op(SessionOp op) => Write(w =>
    {
        w.WriteString("type", "op");
        w.WriteNumber("revision", op.Revision);
        w.WriteString("clientId", op.ClientId);
        w.WriteNumber("clientSeq", op.ClientSeq);
        w.WritePropertyName("op");
        w.WriteRawValue(op.Op, skipInputValidation: true);
    });

    public static byte[] Ack(long clientSeq, long revision) => Write(w =>
    {
        w.WriteString("type", "ack");
        w.WriteNumber("clientSeq", clientSeq);
        w.WriteNumber("revision", revision);
    });

    public static byte[] Presence(SessionPresenceUpdate update) => Write(w =>
    {
        w.WriteString("type", "presence");
        w.WriteString("clientId", update.ClientId);
        WritePresenceFields(w, update.Presence);
    });

    public static byte[] Chat(SessionChat chat) => Write(w =>
    {
        w.WriteString("type", "chat");
        w.WriteString("clientId", chat.ClientId);
        w.WriteString("text", chat.Text);
        w.WriteString("at", chat.At);
    });

    public static byte[] Participants(IReadOnlyList<SessionParticipant> participants) => Write(w =>
    {
        w.WriteString("type", "participants");
        WriteParticipants(w, participants);
    });

    public static byte[] Error(string reason, long? clientSeq = null) => Write(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("reason", reason);
        if (clientSeq is { } seq)
        {
            w.WriteNumber("clientSeq", seq);
        }
    });

    public static string RoleName(SessionRole role) => role switch
    {
        SessionRole.Owner => "owner",
        SessionRole.Viewer => "viewer",
        _ => "editor",
    };

    private static void WriteParticipants(Utf8JsonWriter w, IReadOnlyList<SessionParticipant> participants)
    {
        w.WriteStartArray("participants");
        foreach (var p in participants)
        {
            w.WriteStartObject();
            w.WriteString("clientId", p.ClientId);
            w.WriteString("keyId", p.KeyId);
            w.WriteString("role", RoleName(p.Role));
            w.WriteString("joinedAt", p.JoinedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WritePresenceFields(Utf8JsonWriter w, SessionPresence presence)
    {
        if (presence.Cursor is { } cursor)
        {
            w.WriteString("cursor", cursor);
        }

        if (presence.Selection is { } selection)
        {
            w.WriteStartArray("selection");
            foreach (var item in selection)
            {
                w.WriteStringValue(item);
            }

            w.WriteEndArray();
        }

        if (presence.PlayheadBeat is { } beat)
        {
            w.WriteNumber("playheadBeat", beat);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
