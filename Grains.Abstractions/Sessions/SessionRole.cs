using System.Text.Json.Serialization;

namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>What a participant may do in a session (in JSON, REST as the socket: <c>owner</c>, <c>editor</c>, <c>viewer</c>).</summary>
public enum SessionRole
{
    /// <summary>The key that created the session: edits, and may undo for anyone.</summary>
    [JsonStringEnumMemberName("owner")]
    Owner,

    /// <summary>Edits the document, sends presence and chat.</summary>
    [JsonStringEnumMemberName("editor")]
    Editor,

    /// <summary>Watches: receives ops, presence and chat, sends presence and chat; its ops are refused.</summary>
    [JsonStringEnumMemberName("viewer")]
    Viewer,
}
